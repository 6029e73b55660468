/// How many errors and warnings a run found, written the one way every summary line says it:
/// "2 errors, 1 warning".
public struct ProblemCount: Hashable, Sendable, CustomStringConvertible {
    /// Errors.
    public var errors: Int
    /// Warnings.
    public var warnings: Int

    /// Counts `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) {
        errors = diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) }
        warnings = diagnostics.count - errors
    }

    /// Whether there is nothing to report.
    public var isEmpty: Bool { errors == 0 && warnings == 0 }

    /// "2 errors, 1 warning", leaving out a kind that has none; "" when there are no problems.
    public var description: String {
        var parts: [String] = []
        if errors > 0 { parts.append(Self.counted(errors, "error")) }
        if warnings > 0 { parts.append(Self.counted(warnings, "warning")) }
        return parts.joined(separator: ", ")
    }

    /// "1 error", "2 errors": a count with its noun, plural when it is not one.
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
