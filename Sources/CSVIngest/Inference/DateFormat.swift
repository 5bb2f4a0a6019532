/// A user date pattern (`--date-format`): `yyyy` year, `MM`/`M` month, `dd`/`d` day (one or two digits for
/// the single-letter forms), any other character literal. strftime's `%Y`, `%m`, `%d` are accepted too.
/// Examples: `dd.MM.yyyy`, `yyyy/MM/dd`, `%d/%m/%Y`.
public struct DateFormat: Equatable, Sendable, CustomStringConvertible {
    enum Token: Equatable, Sendable {
        case year, month(flexible: Bool), day(flexible: Bool), literal(UInt8)
    }

    let tokens: [Token]
    /// The pattern as the user wrote it.
    public let description: String

    /// Parses `pattern`; throws ``CSVError/invalidOption(_:)`` unless it has exactly one year, month and day.
    public init(_ pattern: String) throws {
        description = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        func run(_ c: UInt8) -> Int {
            var j = i
            while j < bytes.count, bytes[j] == c { j += 1 }
            return j - i
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "%"), i + 1 < bytes.count {
                switch bytes[i + 1] {
                case UInt8(ascii: "Y"): tokens.append(.year)
                case UInt8(ascii: "m"): tokens.append(.month(flexible: false))
                case UInt8(ascii: "d"): tokens.append(.day(flexible: false))
                default: throw CSVError.invalidOption("--date-format '\(pattern)': unsupported directive %\(Character(Unicode.Scalar(bytes[i + 1])))")
                }
                i += 2
                continue
            }
            switch c {
            case UInt8(ascii: "y"):
                guard run(c) == 4 else { throw CSVError.invalidOption("--date-format '\(pattern)': write the year as yyyy") }
                tokens.append(.year); i += 4
            case UInt8(ascii: "M"):
                let n = run(c)
                guard n <= 2 else { throw CSVError.invalidOption("--date-format '\(pattern)': month names are not supported") }
                tokens.append(.month(flexible: n == 1)); i += n
            case UInt8(ascii: "d"):
                let n = run(c)
                guard n <= 2 else { throw CSVError.invalidOption("--date-format '\(pattern)': use d or dd for the day") }
                tokens.append(.day(flexible: n == 1)); i += n
            default:
                tokens.append(.literal(c)); i += 1
            }
        }
        let years = tokens.filter { $0 == .year }.count
        let months = tokens.filter { if case .month = $0 { return true } else { return false } }.count
        let daysCount = tokens.filter { if case .day = $0 { return true } else { return false } }.count
        guard years == 1, months == 1, daysCount == 1 else {
            throw CSVError.invalidOption("--date-format '\(pattern)': needs exactly one year (yyyy), month (MM) and day (dd)")
        }
        self.tokens = tokens
    }

    /// Days since 1970-01-01 of `b` read with this pattern; nil when it does not match or the date does not exist.
    public func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        var i = 0, y = 0, m = 0, d = 0
        for t in tokens {
            switch t {
            case .year: guard let v = DateParsers.digits(b, &i, 4) else { return nil }; y = v
            case .month(let flexible):
                guard let v = flexible ? DateParsers.oneOrTwoDigits(b, &i) : DateParsers.digits(b, &i, 2) else { return nil }
                m = v
            case .day(let flexible):
                guard let v = flexible ? DateParsers.oneOrTwoDigits(b, &i) : DateParsers.digits(b, &i, 2) else { return nil }
                d = v
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            }
        }
        guard i == b.count else { return nil }
        return DateParsers.days(year: y, month: m, day: d)
    }
}
