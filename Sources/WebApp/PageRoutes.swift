import CareCore
import CareServices
import HTML
import HTTPServer
import Security
import Storage

/// The signed-in pages: every one authenticates the session cookie, every POST checks the CSRF token,
/// and nothing changes state on GET.
struct PageRoutes {
    let services: CareServices

    /// A signed-in request: who, and the CSRF token of their session.
    struct Signed {
        let web: WebRequest
        let session: ActiveSession
        var context: RequestContext {
            RequestContext(principal: session.principal, clientAddress: web.clientAddress, requestID: web.request.requestID)
        }
        func chrome(_ section: String) -> Layout.Chrome { Layout.Chrome(principal: session.principal, csrf: session.csrfToken, section: section) }
    }

    func handle(_ web: WebRequest) throws -> HTTPResponse {
        guard let id = web.request.cookie(Cookies.session), let session = try? services.auth.session(id: id) else {
            if web.method == "GET" {
                let next = web.request.target
                return Responses.redirect("/login" + (next == "/" ? "" : "?next=" + FormData.encode(next)))
            }
            return Responses.html(ErrorPage.render(status: 401, message: "Your session has ended. Please sign in again."), status: 401)
        }
        let signed = Signed(web: web, session: session)
        if web.method == "POST" {
            guard constantTimeEquals(Array(session.csrfToken.utf8), Array(web.request.form["csrf"].utf8)) else {
                return Responses.html(ErrorPage.render(status: 403, message: "This form has expired or did not come from Tend. Reload the page and try again.",
                                                       chrome: signed.chrome("")), status: 403)
            }
        } else if web.method != "GET" {
            var r = Responses.text("method not allowed\n", status: 405)
            r.headers.set("Allow", "GET, POST")
            return r
        }
        do {
            return try dispatch(signed, segments: web.request.segments)
        } catch let error as ServiceError {
            return errorPage(error, signed)
        }
    }

    private func dispatch(_ s: Signed, segments: [String]) throws -> HTTPResponse {
        let get = s.web.method == "GET"
        let patients = PatientPages(services: services, signed: s)
        let breakGlass = BreakGlassPages(services: services, signed: s)
        if get {
            if segments.isEmpty { return Responses.redirect(home(for: s.session.principal.role)) }
            if match("patients", segments) != nil { return try patients.list() }
            if match("patients/new", segments) != nil { return patients.newForm() }
            if let p = match("patients/:id", segments) { return try patients.chart(p[0]) }
            if let p = match("patients/:id/edit", segments) { return try patients.editForm(p[0]) }
            if match("break-glass", segments) != nil { return breakGlass.form(error: nil) }
            if match("break-glass/review", segments) != nil { return try breakGlass.review() }
            if match("admin/audit", segments) != nil { return try AuditPage.handle(services: services, signed: s) }
            if match("population", segments) != nil { return try PopulationPage.handle(services: services, signed: s) }
            if match("population/risk", segments) != nil { return try RiskPopulationPage.handle(services: services, signed: s) }
            if match("welcome", segments) != nil { return welcome(s) }
            if match("admin/users", segments) != nil { return try UsersPage(services: services, signed: s).list() }
        } else {
            if match("patients", segments) != nil { return try patients.create() }
            if let p = match("patients/:id", segments) { return try patients.update(p[0]) }
            if let p = match("patients/:id/care-team", segments) { return try patients.changeCareTeam(p[0]) }
            if match("break-glass", segments) != nil { return try breakGlass.open() }
            if match("admin/users", segments) != nil { return try UsersPage(services: services, signed: s).create() }
            if match("admin/users/role", segments) != nil { return try UsersPage(services: services, signed: s).changeRole() }
            if match("admin/users/access", segments) != nil { return try UsersPage(services: services, signed: s).setAccess() }
        }
        return Responses.html(ErrorPage.render(status: 404, message: "There is no page at this address.", chrome: s.chrome("")), status: 404)
    }

    private func welcome(_ s: Signed) -> HTTPResponse {
        Responses.html(Layout.page(title: "Welcome", chrome: s.chrome(""), [
            .h1("Welcome, \(s.session.principal.displayName)"),
            .p("Your role has no access to the patient registry. Referrals sent to your organization will appear here."),
        ]))
    }

    private func home(for role: Role) -> String {
        if AccessRules.canUseRegistry(role) { return "/patients" }
        if AccessRules.canReadAuditLog(role) { return "/admin/audit" }
        if AccessRules.canSeeAggregates(role) { return "/population" }
        return "/welcome"
    }

    private func errorPage(_ error: ServiceError, _ s: Signed) -> HTTPResponse {
        switch error {
        case .notFound: return Responses.html(ErrorPage.render(status: 404, message: "No such patient, or not one you can see.", chrome: s.chrome("")), status: 404)
        case .forbidden(let m): return Responses.html(ErrorPage.render(status: 403, message: m, chrome: s.chrome("")), status: 403)
        case .unauthenticated, .invalidCredentials: return Responses.redirect("/login")
        case .throttled: return Responses.html(ErrorPage.render(status: 429, message: "Too many attempts.", chrome: s.chrome("")), status: 429)
        case .invalid(let f): return Responses.html(ErrorPage.render(status: 422, message: f.errors.map(\.description).joined(separator: "; "), chrome: s.chrome("")), status: 422)
        case .conflict(_, let m): return Responses.html(ErrorPage.render(status: 409, message: m, chrome: s.chrome("")), status: 409)
        }
    }
}
