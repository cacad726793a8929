// swift-tools-version:6.0
// Tend: open-source care management. Module map: ../shared/docs/DESIGN.md (copied in docs/ARCHITECTURE.md).
import PackageDescription

let package = Package(
    name: "Tend",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tend", targets: ["tend"]),
        .executable(name: "FuzzHTTP", targets: ["FuzzHTTP"]),
    ],
    targets: [
        // C libraries from Debian packages.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLinux"),

        // Reusable layers that know nothing of Tend.
        .target(name: "HTTPServer", dependencies: ["CLinux"]),
        .target(name: "HTML"),
        .target(name: "Security", dependencies: ["CArgon2", "CCrypto"]),

        // Pure domain: no I/O.
        .target(name: "CareCore"),
        .target(name: "RiskModels", exclude: ["Tables"]),  // tables embedded by Tables/embed.sh
        .target(name: "FHIR"),

        // Storage and use cases.
        .target(name: "Storage", dependencies: ["CSQLite", "CZstd", "CareCore"]),
        .target(name: "CareServices", dependencies: ["CareCore", "Storage", "Security", "RiskModels", "FHIR"]),
        .target(name: "WebApp", dependencies: ["CareServices", "CareCore", "HTML", "HTTPServer", "Security"]),
        .executableTarget(name: "tend", dependencies: ["WebApp", "CareServices", "CareCore", "Storage", "Security", "HTTPServer", "RiskModels", "FHIR"]),

        // libFuzzer harness over the HTTP request parser (see Makefile `fuzz`).
        .executableTarget(name: "FuzzHTTP", dependencies: ["HTTPServer"]),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        .testTarget(name: "SecurityTests", dependencies: ["Security"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "CareCoreTests", dependencies: ["CareCore"]),
        .testTarget(name: "CareServicesTests", dependencies: ["CareServices", "CareCore", "Storage", "Security"]),
        .testTarget(name: "WebAppTests", dependencies: ["WebApp", "CareServices", "CareCore", "Storage", "Security", "HTTPServer"]),
        .testTarget(name: "RiskModelsTests", dependencies: ["RiskModels"]),
        .testTarget(name: "FHIRTests", dependencies: ["FHIR"]),
        .testTarget(name: "RiskRunTests", dependencies: ["CareServices", "CareCore", "Storage", "RiskModels", "Security"]),
        .testTarget(name: "DemoTests", dependencies: ["CareServices", "CareCore", "Storage", "Security"]),
        .testTarget(name: "ImportTests", dependencies: ["CareServices", "CareCore", "Storage", "FHIR", "WebApp", "HTTPServer", "Security"]),
    ]
)
