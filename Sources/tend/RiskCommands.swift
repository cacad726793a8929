import Dispatch
import Foundation
import RiskModels
import Synchronization

/// `tend risk score` and `tend risk comorbidity`: JSON-lines files in the oracle kit's formats
/// (../shared/tools/oracles/README.md). The input is split at line boundaries and scored on all cores; the
/// output keeps input order and is written to a temporary file renamed into place, so a bad line leaves
/// no partial output.
enum RiskCommands {
    static let usage = """
        usage: tend risk score --model cms-hcc-v28|cms-hcc-v24 --year 2026|2025 --input members.jsonl --output scores.jsonl
                               [--normalize] [--ma-coding-intensity] [--jobs N]
               tend risk comorbidity --input members.jsonl --output out.jsonl [--jobs N]

        score        CMS-HCC raw risk score per member: HCCs, dropped HCCs, terms (V28 with 2026 tables,
                     V24 with 2025 tables). --normalize divides by the year's normalization factor and
                     --ma-coding-intensity applies the MA coding-intensity adjustment; either adds
                     "payment_score" = round(raw * (1 - MACI) / normalization, 3). "score" stays raw.
        comorbidity  Charlson (Quan 2005 codes; Charlson 1987 and Quan 2011 weights) and Elixhauser
                     (Quan 2005 codes; van Walraven weights).
        --input, --output   files, or - for stdin/stdout. --jobs   worker threads (default: all cores).

        Input lines: {"id":"m1","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E1122"]}
        A bad line is reported as "line N: reason" on stderr; the exit status is then 1 and no output is written.
        """

    /// Runs `tend risk <arguments>`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first, command != "--help", command != "-h", command != "help" else {
            print(usage)
            return arguments.isEmpty ? 2 : 0
        }
        if command == "run" { return CommandLineTool.main(["risk-run"] + arguments.dropFirst()) }
        let options: Options
        switch Options.parse(Array(arguments.dropFirst())) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            if error.message == "help" { print(usage); return 0 }
            return fail("tend risk \(command): \(error.message)\n\(usage)", status: 2)
        }
        let scorer: LineScorer
        switch command {
        case "score":
            guard let version = options.model.flatMap(CMSHCCVersion.init(rawValue:)) else {
                return fail("tend risk score: --model must be cms-hcc-v28 or cms-hcc-v24", status: 2)
            }
            guard let year = options.year, let model = CMSHCCModel.model(version, paymentYear: year) else {
                return fail("tend risk score: --year must be 2026 for cms-hcc-v28 and 2025 for cms-hcc-v24", status: 2)
            }
            let normalization = options.normalize ? model.normalizationFactor : 1
            let codingIntensity = options.codingIntensity ? model.codingIntensityAdjustment : 0
            let adjust = options.normalize || options.codingIntensity
            // The fast path: no explanation objects, names pre-rendered (same bytes as JSONLineWriter.append(HCCScore)).
            let format = HCCLineFormat(model: model)
            scorer = { record, out in
                let summary = model.summary(of: record)
                let payment = adjust
                    ? summary.paymentScore(normalizationFactor: normalization, codingIntensityAdjustment: codingIntensity)
                    : nil
                format.append(summary, of: record, paymentScore: payment, to: &out)
            }
        case "comorbidity":
            if options.model != nil || options.year != nil || options.normalize || options.codingIntensity {
                return fail("tend risk comorbidity: takes only --input, --output and --jobs", status: 2)
            }
            let charlson = CharlsonIndex.quan2005, elixhauser = ElixhauserIndex.quan2005  // tables built before timing
            let format = ComorbidityLineFormat(charlson: charlson, elixhauser: elixhauser)
            scorer = { record, out in
                format.append(ComorbiditySummary(diagnoses: record.diagnoses, charlson: charlson, elixhauser: elixhauser),
                              of: record, to: &out)
            }
        default:
            return fail("tend risk: unknown command \(command)\n\(usage)", status: 2)
        }
        guard let input = options.input, let output = options.output else {
            return fail("tend risk \(command): --input and --output are required", status: 2)
        }
        return execute(command: command, input: input, output: output, jobs: options.jobs, scorer: scorer)
    }

    /// Scores one parsed line and appends its output line.
    typealias LineScorer = @Sendable (MemberRecord, inout ByteBuffer) -> Void

    private static func execute(command: String, input: String, output: String, jobs: Int, scorer: LineScorer) -> Int32 {
        let start = DispatchTime.now()
        let file: RiskFileIO.Input
        switch RiskFileIO.Input.open(input) {
        case .success(let opened): file = opened
        case .failure(let error): return fail("tend risk \(command): \(error.message)", status: 1)
        }
        let sink: RiskFileIO.OrderedOutput
        switch RiskFileIO.OrderedOutput.create(output) {
        case .success(let created): sink = created
        case .failure(let error): return fail("tend risk \(command): \(error.message)", status: 1)
        }
        let results = ParallelLines.process(file, jobs: jobs, scorer: scorer, output: sink)
        if !results.errors.isEmpty {
            sink.discard()
            let shown = results.errors.prefix(20).map { "\(input):\($0.line): \($0.reason)" }.joined(separator: "\n")
            let more = results.errors.count > 20 ? "\n... and \(results.errors.count - 20) more bad lines" : ""
            return fail(shown + more + "\ntend risk \(command): \(results.errors.count) bad line(s); no output written", status: 1)
        }
        if case .failure(let error) = sink.commit() {
            return fail("tend risk \(command): \(error.message)", status: 1)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let rate = seconds > 0 ? Int(Double(results.members) / seconds) : 0
        FileHandle.standardError.write(Data(
            "tend risk \(command): \(results.members) members in \(String(format: "%.2f", seconds))s = \(rate) members/s\n".utf8))
        return 0
    }

    private static func fail(_ message: String, status: Int32) -> Int32 {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return status
    }
}

/// Command-line options of `tend risk score|comorbidity`.
private struct Options {
    var model: String?
    var year: Int?
    var input: String?
    var output: String?
    var normalize = false
    var codingIntensity = false
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    struct Failure: Error { let message: String }

    static func parse(_ arguments: [String]) -> Result<Options, Failure> {
        var options = Options()
        var index = 0
        func value(_ name: String) -> Result<String, Failure> {
            index += 1
            guard index < arguments.count else { return .failure(Failure(message: "\(name) needs a value")) }
            return .success(arguments[index])
        }
        while index < arguments.count {
            let argument = arguments[index]
            do {
                switch argument {
                case "--model": options.model = try value(argument).get()
                case "--year":
                    let text = try value(argument).get()
                    guard let year = Int(text) else { return .failure(Failure(message: "--year \(text) is not a year")) }
                    options.year = year
                case "--input": options.input = try value(argument).get()
                case "--output": options.output = try value(argument).get()
                case "--jobs":
                    let text = try value(argument).get()
                    guard let jobs = Int(text), jobs >= 1 else { return .failure(Failure(message: "--jobs must be a positive integer")) }
                    options.jobs = jobs
                case "--normalize": options.normalize = true
                case "--ma-coding-intensity": options.codingIntensity = true
                case "--help", "-h": return .failure(Failure(message: "help"))
                default: return .failure(Failure(message: "unknown option \(argument)"))
                }
            } catch {
                return .failure(error)
            }
            index += 1
        }
        return .success(options)
    }
}
