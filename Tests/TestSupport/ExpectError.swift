import Testing

/// The error `body` throws, or `nil` (recording an issue) if it throws nothing or another type.
///
/// Used instead of `#expect(throws:)`: with Swift 6.3.1, a closure nested in that macro's
/// trailing closure can get the same mangled name as a later closure in the test, which then
/// runs the wrong code (seen with nested `transaction { }` calls).
@discardableResult
public func expectError<E: Error, R>(
    _ type: E.Type,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> R
) -> E? {
    do {
        _ = try body()
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected \(E.self), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
    Issue.record("expected \(E.self) to be thrown, nothing was", sourceLocation: sourceLocation)
    return nil
}
