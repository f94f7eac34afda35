// swift-tools-version: 6.1
import PackageDescription

// The layers, bottom up:
//   TextWidth    how many terminal columns a text takes, one rule for all above
//   CSTOQ        the language, the data and the renderers (no terminal, no libedit)
//   LineEditor   a small Swift wrapper over the system libedit (histedit.h)
//   PostgresClient  a PostgreSQL server as a live database, through the system libpq
//   cstoq        the command line and the REPL, thin, on top of both
let package = Package(
    name: "cstoq",
    products: [
        .executable(name: "cstoq", targets: ["cstoq"]),
        .library(name: "CSTOQ", targets: ["CSTOQ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "TextWidth"),
        .target(
            name: "CSTOQ",
            dependencies: ["TextWidth", "CSQLite"],
            exclude: ["Data/summit.json", "Data/cstoq-dataset.schema.json", "Data/summit-article.it.txt", "Data/FORMAT.md"]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // SQLite from the system (Debian's libsqlite3-dev): how SQLite data files are read, and the
        // independent engine of the differential test.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libpq from the system (Debian's libpq-dev): the client psql uses, for live PostgreSQL
        // databases; opened on first use (dlopen), not linked, so that cstoq starts as quickly without it.
        .target(
            name: "CLibPQ",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // A PostgreSQL server as a live database of the library (LiveDatabase), through libpq.
        .target(
            name: "PostgresClient",
            dependencies: ["CSTOQ", "CLibPQ"]
        ),
        .target(
            name: "CEditLineShims",
            dependencies: ["CEditLine"]
        ),
        .target(
            name: "LineEditor",
            dependencies: ["CEditLineShims", "TextWidth"]
        ),
        .executableTarget(
            name: "cstoq",
            dependencies: [
                "CSTOQ",
                "LineEditor",
                "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The man page, generated from the command definition (see README, Installing).
            exclude: ["cstoq.1"]
        ),
        // The benchmark: data generator, in-process timings, and the runs against sqlite3, jq and DuckDB.
        .executableTarget(
            name: "cstoq-bench",
            dependencies: ["CSTOQ"]
        ),
        .testTarget(
            name: "TextWidthTests",
            dependencies: ["TextWidth"]
        ),
        // What several test targets share: the hostile string of the terminal-safety
        // tests, and running a program to its end without Foundation's Process.
        .target(
            name: "SharedTestSupport",
            path: "Tests/Shared"
        ),
        .testTarget(
            name: "CSTOQTests",
            dependencies: ["CSTOQ", "TextWidth", "SharedTestSupport", "CSQLite"]
        ),
        .testTarget(
            name: "LineEditorTests",
            dependencies: ["LineEditor", "SharedTestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["CSTOQ", "SharedTestSupport"]
        ),
        // Every generated query answered by cstoq and by SQLite (in process) and PostgreSQL (psql, a private server).
        .testTarget(
            name: "DifferentialTests",
            dependencies: ["CSTOQ", "CSQLite", "PostgresClient", "SharedTestSupport"],
            exclude: ["postgres-cluster.sh"]
        ),
        .testTarget(
            name: "REPLTests",
            dependencies: ["SharedTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
