/// Integers bound as one SQL parameter: a JSON array that `json_each(?)` reads back, so the
/// statement's text, and the one compiled statement kept for it, stay the same however many
/// integers there are.
enum IntegerList {
    static func json(_ values: some Collection<Int64>) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}
