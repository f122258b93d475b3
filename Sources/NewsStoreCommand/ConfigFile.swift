import Glibc
import JSON

/// Reads a JSON config file: one object whose keys are option keys (`port`, `db`,
/// `cors_allowed_origins`…). Values may be strings, numbers, booleans, or arrays of strings
/// (joined with commas). Unknown keys and unreadable files stop the start with a message that
/// names them, rather than being ignored.
enum ConfigFile {
    static func load(_ path: String, options: [Option]) throws(UsageError) -> [(key: String, value: String)] {
        guard let bytes = Files.readFile(path) else { throw UsageError("cannot read config file '\(path)'") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw UsageError("config file '\(path)' is not valid JSON: \(error.message)")
        }
        guard case .object(let object) = json else { throw UsageError("config file '\(path)' must hold a JSON object") }
        var values: [(String, String)] = []
        for (key, value) in object.members {
            guard options.contains(where: { $0.key == key }) else {
                throw UsageError("config file '\(path)': unknown key '\(key)'")
            }
            switch value {
            case .string(let text): values.append((key, text))
            case .number(let number): values.append((key, number.text))
            case .bool(let flag): values.append((key, flag ? "true" : "false"))
            case .array(let elements) where elements.allSatisfy({ $0.stringValue != nil }):
                values.append((key, elements.compactMap(\.stringValue).joined(separator: ",")))
            default:
                throw UsageError("config file '\(path)': '\(key)' must be a string, number, boolean or array of strings")
            }
        }
        return values
    }
}
