import CareCore
import CareServices
import HTML
import HTTPServer
import Security

/// `/admin/import`: an administrator uploads a FHIR Bundle file into their organization, with the
/// same checks as `tend import fhir` (the file is imported whole or rejected with the reason).
///
/// Routed before `PageRoutes` because its POST is `multipart/form-data`, whose CSRF field this page
/// reads itself; the session and CSRF rules are the same as every other page.
struct ImportPage {
    let services: CareServices

    func handle(_ web: WebRequest) throws -> HTTPResponse {
        guard let id = web.request.cookie(Cookies.session), let session = try? services.auth.session(id: id) else {
            if web.method == "GET" { return Responses.redirect("/login?next=" + FormData.encode("/admin/import")) }
            return Responses.html(ErrorPage.render(status: 401, message: "Your session has ended. Please sign in again."), status: 401)
        }
        let chrome = Layout.Chrome(principal: session.principal, csrf: session.csrfToken, section: "import")
        guard AccessRules.canImportData(session.principal.role) else {
            return Responses.html(ErrorPage.render(status: 403, message: "Only administrators can import data.", chrome: chrome), status: 403)
        }
        switch web.method {
        case "GET": return Responses.html(page(chrome, result: nil))
        case "POST": break
        default:
            var r = Responses.text("method not allowed\n", status: 405)
            r.headers.set("Allow", "GET, POST")
            return r
        }
        guard let form = MultipartForm(contentType: web.request.headers["Content-Type"] ?? "", body: web.request.body),
              let csrf = form["csrf"], constantTimeEquals(Array(session.csrfToken.utf8), Array(csrf.body)) else {
            return Responses.html(ErrorPage.render(status: 403, message: "This form has expired or did not come from Tend. Reload the page and try again.",
                                                   chrome: chrome), status: 403)
        }
        guard let file = form["bundle"], let fileName = file.fileName, !fileName.isEmpty, !file.body.isEmpty else {
            return Responses.html(page(chrome, result: .failure("Choose a FHIR Bundle file (.json) to upload.")), status: 422)
        }
        let context = RequestContext(principal: session.principal, clientAddress: web.clientAddress, requestID: web.request.requestID)
        let report = try services.fhirImport.importUpload(Array(file.body), fileName: fileName, by: context)
        switch report.outcome {
        case .imported(let counts): return Responses.html(page(chrome, result: .success((fileName, counts))))
        case .rejected(let problem): return Responses.html(page(chrome, result: .failure("\(fileName): \(problem)")), status: 422)
        }
    }

    private func page(_ chrome: Layout.Chrome, result: Result<(String, ImportCounts), UploadFailure>?) -> Node {
        var content: [Node] = [.h1("Import a FHIR bundle")]
        switch result {
        case .success(let (name, counts))?:
            content.append(.div(class: "alert", id: "import-result", attributes: [.role("status")], [
                .p("Imported \(name): \(counts.total) resources (new \(counts.inserted), changed \(counts.updated), unchanged \(counts.unchanged))."),
                .table(class: "counts", [.tbody(counts.byType.sorted { $0.key < $1.key }.map { .tr([.th($0.key), .td("\($0.value)")]) })]),
            ]))
        case .failure(let failure)?:
            content.append(.p(class: "error", id: "import-error", attributes: [.role("alert")], "Rejected: nothing was imported. \(failure.message)"))
        case nil:
            break
        }
        content += [
            .p("Upload a FHIR R4 transaction or collection Bundle (for example one Synthea patient file). The file is checked whole: "
               + "if anything is wrong nothing is imported and the reason is shown. Importing the same file again changes nothing."),
            .form(method: .post, action: "/admin/import", id: "import-form", attributes: [Attribute("enctype", "multipart/form-data")], [
                .input(type: .hidden, name: "csrf", value: chrome.csrf),
                .div(class: "field", [.label(for: "f-bundle", "Bundle file"),
                                      .input(type: .file, name: "bundle", id: "f-bundle", attributes: [Attribute("accept", ".json,application/fhir+json,application/json")])]),
                .button(id: "import-submit", "Import"),
            ]),
        ]
        return Layout.page(title: "Import", chrome: chrome, content)
    }
}

/// Why an upload did not import, as shown on the page.
struct UploadFailure: Error {
    let message: String
}

extension Result where Failure == UploadFailure {
    static func failure(_ message: String) -> Self { .failure(UploadFailure(message: message)) }
}
