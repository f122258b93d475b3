import Foundation
import Testing

/// Every setting `serve` takes is documented where operators look: `config/README.md`'s table
/// has a row for each flag's config key, and no row for a key the binary does not know.
@Suite struct SettingsDocumentationTests {
    @Test func everyServeOptionHasARowInTheConfigurationTable() throws {
        let help = try CommandResult.run(ServerProcess.binary.path, ["serve", "--help"])
        #expect(help.status == 0)
        // `--config` names the file the keys are read from; it is not a key itself.
        let flags = Set(
            help.output.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("--"), let flag = trimmed.split(separator: " ").first, flag != "--help" else { return nil }
                return String(flag)
            }
        ).subtracting(["--config"])
        let keys = Set(flags.map { String($0.dropFirst(2)).replacingOccurrences(of: "-", with: "_") })
        #expect(keys.count > 30, "\(keys.sorted())")

        let table = try String(contentsOfFile: repositoryPath("config/README.md"), encoding: .utf8)
        let rows = Set(
            table.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
                return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
            })
        #expect(keys.subtracting(rows).isEmpty, "undocumented in config/README.md: \(keys.subtracting(rows).sorted())")
        #expect(rows.subtracting(keys).isEmpty, "documented but not an option: \(rows.subtracting(keys).sorted())")
    }
}
