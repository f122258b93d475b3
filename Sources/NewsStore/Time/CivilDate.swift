/// A day of the proleptic Gregorian calendar, converted to and from days since 1970-01-01.
///
/// The conversions are Howard Hinnant's public-domain `days_from_civil` and `civil_from_days`
/// (https://howardhinnant.github.io/date_algorithms.html): pure integer arithmetic, valid for
/// every representable day, with no dependence on the C library's time zone state.
struct CivilDate: Equatable {
    var year: Int64
    /// 1 to 12.
    var month: Int64
    /// 1 to the length of the month.
    var day: Int64

    init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after (or before, when negative) 1970-01-01.
    init(daysSinceEpoch days: Int64) {
        // Count from 0000-03-01 so the leap day ends each 400-year era and each year.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchBasedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * marchBasedMonth + 2) / 5 + 1
        month = marchBasedMonth < 10 ? marchBasedMonth + 3 : marchBasedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days from 1970-01-01 to this date, negative before it.
    var daysSinceEpoch: Int64 {
        let marchBasedYear = month <= 2 ? year - 1 : year
        let era = (marchBasedYear >= 0 ? marchBasedYear : marchBasedYear - 399) / 400
        let yearOfEra = marchBasedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days in `month` (1 to 12) of `year`.
    static func daysInMonth(_ month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }
}
