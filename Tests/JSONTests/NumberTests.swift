import Testing

@testable import JSON

@Suite struct NumberTests {
    private func number(_ text: String) throws -> JSONNumber {
        try #require(try JSONParser.parse(text).numberValue)
    }

    @Test func keepsTheLiteralText() throws {
        for text in ["0", "-0", "12", "-12.50", "1e5", "1E+05", "6.02214076e-23", "123456789012345678901234567890"] {
            #expect(try number(text).text == text)
            #expect(try JSONParser.parse(text).serialized == Array(text.utf8))
        }
    }

    @Test func int64IsWholeNumbersInRangeHoweverWritten() throws {
        #expect(try number("0").int64 == 0)
        #expect(try number("42").int64 == 42)
        #expect(try number("-42").int64 == -42)
        #expect(try number("9223372036854775807").int64 == Int64.max)
        #expect(try number("-9223372036854775808").int64 == Int64.min)
        #expect(try number("9223372036854775808").int64 == nil)
        #expect(try number("-9223372036854775809").int64 == nil)
        // Whole numbers written with a fraction or an exponent are integers, as in JSON Schema.
        for (text, value) in [
            ("1.0", 1), ("1e2", 100), ("1E+2", 100), ("-2.00", -2), ("20e-1", 2), ("0.2E1", 2), ("100e-2", 1), ("0.0", 0),
            ("-0.0", 0), ("0e-3", 0), ("0e99999999", 0), ("0.0001e4", 1), ("-0.5e1", -5), ("1.5e1", 15),
        ] as [(String, Int64)] {
            #expect(try number(text).int64 == value, "\(text)")
        }
        #expect(try number("9223372036854775807.0").int64 == Int64.max)
        #expect(try number("-9223372036854775808e0").int64 == Int64.min)
        // Not whole, or not in range: never rounded through a Double.
        for text in ["1.5", "0.1", "10e-3", "-1e-1", "2.0000000000000001", "1e19", "0.1e20", "9223372036854775808.0", "1e-99999999", "1e999999999"] {
            #expect(try number(text).int64 == nil, "\(text)")
        }
    }

    @Test func outOfRangeIntegersAreStillDoubles() throws {
        #expect(try number("9223372036854775808").double == 9_223_372_036_854_775_808.0)
        #expect(try number("1.0").double == 1.0)
        #expect(try number("1e2").double == 100)
        #expect(try number("-2.5E-3").double == -0.0025)
        #expect(try number("1e400").double == nil)
        #expect(try number("1e-400").double == 0)
    }

    @Test func negativeZero() throws {
        let negativeZero = try number("-0")
        #expect(negativeZero.int64 == 0)
        #expect(negativeZero.double == 0)
        #expect(negativeZero.double?.sign == .minus)
        #expect(negativeZero != (try number("0")))
    }

    @Test func valueAccessorsReachTheNumber() throws {
        let value = try JSONParser.parse("[7, 7.5, \"7\"]")
        let elements = try #require(value.arrayValue)
        #expect(elements.map(\.int64Value) == [7, nil, nil])
        #expect(elements.map(\.doubleValue) == [7, 7.5, nil])
    }

    @Test func constructsNumbers() {
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber(-5).text == "-5")
        #expect(JSONNumber(0.1)?.text == "0.1")
        #expect(JSONNumber(1.0)?.text == "1.0")
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
        #expect(JSONNumber(text: "-1.5e3")?.double == -1500)
        for invalid in ["01", " 1", "1 ", "+1", "1.", "NaN", "", "[1]", "0x1"] {
            #expect(JSONNumber(text: invalid) == nil, "\(invalid)")
        }
    }
}
