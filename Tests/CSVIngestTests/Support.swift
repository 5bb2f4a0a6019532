import TestSupport

/// The path of a file in the project's Fixtures folder.
func fixturePath(_ name: String) -> String { ProjectPaths.fixtures + "/" + name }
