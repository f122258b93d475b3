import SQLite

/// The columns a SELECT returns, each named once, where it is added: a row shape keeps the
/// position `column(_:)` hands back and reads by it, so no reader counts columns by hand and
/// adding a column cannot shift another reader's.
///
/// Row shapes are built once (static lets) and read with plain integer positions, so reading
/// a row costs what reading by number did.
struct SelectList {
    private var expressions: [String] = []

    /// Adds `expression` to the list and returns its 0-based position in a result row.
    mutating func column(_ expression: String) -> Int {
        expressions.append(expression)
        return expressions.count - 1
    }

    /// The list as it goes after `SELECT`.
    var sql: String { expressions.joined(separator: ", ") }
}

/// `{id, slug, name}` of a category or tag, from the table aliased `table`; nullable when the
/// term comes from a LEFT JOIN.
struct TermReferenceColumns {
    let id: Int
    let slug: Int
    let name: Int

    init(_ list: inout SelectList, table: String) {
        id = list.column("\(table).id")
        slug = list.column("\(table).slug")
        name = list.column("\(table).name")
    }

    func read(_ row: Statement) -> TermReference {
        TermReference(id: row.int64(at: id), slug: row.string(at: slug)!, name: row.string(at: name)!)
    }

    /// Nil when the row has no term (a LEFT JOIN that found none).
    func readOptional(_ row: Statement) -> TermReference? {
        row.isNull(at: id) ? nil : read(row)
    }
}

extension Statement {
    /// A nullable millisecond time column.
    func timestamp(at index: Int) -> Timestamp? {
        isNull(at: index) ? nil : Timestamp(milliseconds: int64(at: index))
    }
}
