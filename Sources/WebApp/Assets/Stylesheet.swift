/// Tend's one stylesheet (served from /static/tend.css; the CSP allows no inline style).
/// Colours meet WCAG 2.1 AA contrast (4.5:1 for text) on their backgrounds; focus is always visible.
enum Stylesheet {
    static let css = """
    :root { --ink: #1b2430; --muted: #4a5565; --line: #d5dae1; --bg: #f6f7f9; --card: #ffffff; --brand: #0b5d6b; --brand-ink: #ffffff;
            --error: #b00020; --warn-bg: #fff4d6; --warn-line: #b7791f; --focus: #ffbf47; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--brand); }
    /* Two-tone ring: the yellow shows on the brand header, the dark edge on white and grey (WCAG 1.4.11, 3:1 on both). */
    a:focus, button:focus, input:focus, select:focus, textarea:focus, main:focus { outline: 3px solid var(--focus); outline-offset: 0;
            box-shadow: 0 0 0 6px var(--ink); }
    .skip-link { position: absolute; left: -9999px; } .skip-link:focus { left: 1rem; top: 1rem; background: var(--card); padding: .5rem; z-index: 10; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.5rem; background: var(--brand); color: var(--brand-ink); }
    .site-header a { color: var(--brand-ink); text-decoration: none; } .site-header a:hover { text-decoration: underline; }
    .brand a { font-weight: 700; font-size: 1.3rem; letter-spacing: .02em; }
    nav ul { display: flex; flex-wrap: wrap; gap: 1.2rem; list-style: none; margin: 0; padding: 0; }
    nav a[aria-current=page] { text-decoration: underline; text-underline-offset: .3em; font-weight: 600; }
    .user { margin-left: auto; display: flex; gap: .6rem; align-items: center; }
    .user-role { opacity: .9; font-size: .9rem; }
    .link-button { background: none; border: 0; color: inherit; text-decoration: underline; cursor: pointer; font: inherit; padding: 0; }
    .site-header .link-button { color: var(--brand-ink); }
    main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
    h1 { font-size: 1.7rem; margin: .2rem 0 1rem; } h2 { font-size: 1.2rem; margin: 0 0 .6rem; }
    .login-card { max-width: 380px; margin: 3rem auto; background: var(--card); padding: 2rem; border: 1px solid var(--line); border-radius: 8px; }
    .field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: .9rem; }
    .field label { font-weight: 600; }
    .field.checkbox { flex-direction: row; align-items: center; gap: .5rem; } .field.checkbox label { font-weight: 400; }
    input, select, textarea { font: inherit; padding: .45rem .6rem; border: 1px solid #8a94a3; border-radius: 4px; background: #fff; color: var(--ink); }
    .has-error input, .has-error select, .has-error textarea { border: 2px solid var(--error); }
    .error { color: var(--error); font-weight: 600; margin: 0; }
    .hint { color: var(--muted); margin: 0; font-size: .9rem; }
    .required { color: var(--error); }
    button, .button { font: inherit; padding: .5rem 1rem; border-radius: 4px; border: 1px solid var(--brand); background: var(--card); color: var(--brand); cursor: pointer; text-decoration: none; display: inline-block; }
    button.primary { background: var(--brand); color: var(--brand-ink); }
    button.danger { background: var(--error); border-color: var(--error); color: #fff; }
    .alert { border-left: 4px solid var(--error); background: #fdecee; padding: .6rem 1rem; }
    .warning { border-left: 4px solid var(--warn-line); background: var(--warn-bg); padding: .6rem 1rem; margin-bottom: 1rem; }
    fieldset { border: 1px solid var(--line); border-radius: 6px; background: var(--card); margin: 0 0 1rem; padding: 1rem 1.2rem; }
    legend { font-weight: 700; padding: 0 .3rem; }
    .support-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 0 1rem; }
    form.search { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 0 1rem; align-items: end; background: var(--card);
                  padding: 1rem 1.2rem .2rem; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 1rem; }
    form.search button { margin-bottom: .9rem; }
    table { border-collapse: collapse; width: 100%; background: var(--card); }
    th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { background: #eef1f4; }
    table.audit { font-size: .85rem; } table.audit td:last-child { overflow-wrap: anywhere; } main:has(table.audit) { max-width: none; } tr.outcome-denied td, tr.outcome-failure td { background: #fdecee; }
    .result-count { color: var(--muted); }
    .empty { color: var(--muted); font-style: italic; }
    .chart-header { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.4rem; margin-bottom: 1rem; }
    .chart-header h1 { margin-bottom: .2rem; }
    .chart-facts, .chart-ids { margin: .2rem 0; color: var(--muted); }
    .chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 1rem; grid-auto-flow: row dense; }
    @media (min-width: 1000px) { .card-wide, .chart-grid #risk { grid-column: span 2; } } .card-full { grid-column: 1 / -1; } .nowrap { white-space: nowrap; }
    .measures { width: 100%; border-collapse: collapse; } .measures th, .encounter-timeline th { text-align: left; } td ul { margin: 0; } .card li small { white-space: nowrap; } .card select { max-width: 100%; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; }
    .card dd, .card li { overflow-wrap: anywhere; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; } dt { font-weight: 600; } dd { margin: 0; }
    .tag { font-size: .8rem; background: #e3eef0; color: var(--brand); border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
    .inline { display: inline; margin-left: .5rem; } .inline-form { margin-top: .8rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .priorities { font-size: 1.05rem; white-space: pre-wrap; }
    .meta { color: var(--muted); font-size: .85rem; margin-top: 1.5rem; }
    .bar { fill: var(--brand); }
    .counts th { font-weight: 400; }
    .encounter-timeline { width: 100%; border-collapse: collapse; font-size: .9rem; } .encounter-timeline td, .measures td { padding: .15rem .4rem; border-top: 1px solid var(--line); }
    .encounter-emergency { background: #fde8e8; } .encounter-admission { background: var(--warn-bg); }
    .count-emergency { color: var(--error); } .count-admission { color: #7a4d00; } .muted { color: var(--muted); }
    .sparkline .trend { fill: none; stroke: var(--brand); stroke-width: 1.5; } .cost-chart { display: block; margin-bottom: .5rem; }
    .tag.tier-high { background: #fde2e1; color: #8a1c13; } .tag.tier-moderate { background: #fff1cc; color: #6b4a00; }
    .tag.tier-low { background: #e3f1e6; color: #1e5b2e; }
    .bar.tier-high { fill: #b3261e; } .bar.tier-moderate { fill: #b7791f; } .bar.tier-low { fill: #2e7d43; }
    """
}
