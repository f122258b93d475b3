import CSQLite

/// An FTS5 auxiliary function written in Swift that scores each row of a full-text query,
/// called in SQL as `name(table, arguments…)`, typically in `ORDER BY`.
///
/// It sees, per row, where each phrase of the MATCH expression occurs (which column), so it
/// can weigh a headline above a body, or an exact spelling above another form, in one pass
/// over the row's hits. What does not change between rows (a parsed description of the query)
/// is prepared once per query by `plan(_:)` and handed to every `score` call.
public protocol FullTextRanker: Sendable {
    associatedtype Plan

    /// Prepares what all rows of one query share, from the first row's arguments.
    func plan(_ arguments: FullTextArguments) -> Plan

    /// The row's score.
    func score(_ match: FullTextMatch, plan: Plan, arguments: FullTextArguments) -> Double
}

/// The phrase hits of the row being scored.
public struct FullTextMatch {
    let api: UnsafePointer<Fts5ExtensionApi>
    let context: OpaquePointer

    /// Calls `body` with the column (from 0) of every hit of `phrase` (numbered in the order
    /// phrases appear in the MATCH expression, from 0) in the row, in order, until it returns
    /// false. It walks the phrase's own position list, which FTS5 holds for the row anyway;
    /// `xInst` would first merge the hits of every phrase into one sorted array, an allocation
    /// and a merge per row, and a common word's query ranks thousands of rows.
    public func forEachHit(ofPhrase phrase: Int, _ body: (_ column: Int) -> Bool) {
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0
        var offset: Int32 = 0
        guard api.pointee.xPhraseFirst(context, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK else { return }
        while column >= 0 {
            guard body(Int(column)) else { return }
            api.pointee.xPhraseNext(context, &iterator, &column, &offset)
        }
    }
}

/// The arguments after the table name, read in place (no copies for the values not asked for).
public struct FullTextArguments {
    let values: UnsafeMutablePointer<OpaquePointer?>?
    public let count: Int

    public func int64(at index: Int) -> Int64 {
        index < count ? sqlite3_value_int64(values![index]) : 0
    }

    public func text(at index: Int) -> String {
        guard index < count, let text = sqlite3_value_text(values![index]) else { return "" }
        return String(cString: text)
    }
}

extension Connection {
    /// Makes `ranker` callable as the FTS5 auxiliary function `name` on this connection.
    public func register<Ranker: FullTextRanker>(ranker: Ranker, named name: String) throws {
        guard let api = csqlite_fts5_api(handle) else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "this SQLite has no FTS5; cannot register the function \(name)")
        }
        // FTS5 owns one retain of the box and returns it through the destroy callback.
        let box = Unmanaged.passRetained(RankerBox(ranker)).toOpaque()
        let status = api.pointee.xCreateFunction(
            api, name, box,
            { extensionAPI, context, result, count, values in
                guard let extensionAPI, let context,
                    let box = extensionAPI.pointee.xUserData(context)
                else { return }
                let ranker = Unmanaged<AnyRankerBox>.fromOpaque(box).takeUnretainedValue()
                let score = ranker.score(
                    FullTextMatch(api: extensionAPI, context: context),
                    FullTextArguments(values: values, count: Int(count)))
                sqlite3_result_double(result, score)
            },
            { box in Unmanaged<AnyRankerBox>.fromOpaque(box!).release() })
        guard status == SQLITE_OK else {
            throw SQLiteError(extendedCode: status, message: "cannot register the FTS5 function \(name)")
        }
    }
}

/// Carries a ranker through FTS5's `void *` user data, its plan type erased.
private class AnyRankerBox {
    func score(_ match: FullTextMatch, _ arguments: FullTextArguments) -> Double { 0 }
}

private final class RankerBox<Ranker: FullTextRanker>: AnyRankerBox {
    let ranker: Ranker

    init(_ ranker: Ranker) { self.ranker = ranker }

    /// The query's plan lives in FTS5's per-query auxiliary data, made on the first row and
    /// freed by FTS5 when the query ends.
    override func score(_ match: FullTextMatch, _ arguments: FullTextArguments) -> Double {
        let plan: Ranker.Plan
        if let stored = match.api.pointee.xGetAuxdata(match.context, 0) {
            plan = Unmanaged<PlanBox<Ranker.Plan>>.fromOpaque(stored).takeUnretainedValue().plan
        } else {
            plan = ranker.plan(arguments)
            // When storing fails, FTS5 frees the box itself, and the next row plans again.
            let stored = Unmanaged.passRetained(PlanBox(plan)).toOpaque()
            _ = match.api.pointee.xSetAuxdata(match.context, stored) { Unmanaged<AnyObject>.fromOpaque($0!).release() }
        }
        return ranker.score(match, plan: plan, arguments: arguments)
    }
}

private final class PlanBox<Plan> {
    let plan: Plan
    init(_ plan: Plan) { self.plan = plan }
}
