// swift-tools-version: 6.1
// Micro-benchmarks of deltactl's hot paths (JSON action parsing, codecs, ...), kept out of the main build:
// a sibling package that depends on the deltactl package at "..". Built and run by Benchmarks/run.sh.
import PackageDescription

let package = Package(
    name: "deltactl-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "deltactl", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "Micro",
            dependencies: [
                .product(name: "DeltaLog", package: "deltactl"),
                .product(name: "Parquet", package: "deltactl"),
                .product(name: "CSVIngest", package: "deltactl"),
            ],
            path: "Micro"),
    ],
    swiftLanguageModes: [.v5]
)
