// lib.time: dates. A part of lib (see core.js).
(function (S) {
  "use strict";
  const { trimText, dateParse, DateConstructor, dateTime, isFiniteNumber, fail, failType, describe, entry,
    namespace } = S;

  const DAY_MS = 86400000;

  function timeOf(value, what) {
    let ms;
    if (typeof value === "string") ms = dateParse(trimText(value));
    else if (typeof value === "number") ms = value * 1000;
    else if (value instanceof DateConstructor) ms = dateTime(value);
    else failType(what + " must be an ISO date string, a Date or epoch seconds, got " + describe(value));
    if (!isFiniteNumber(ms)) fail(what + " is not a readable date: " + describe(value));
    return ms;
  }

  const time = {
    //: lib.time.daysSince(date, now = new Date()) -> number
    //: Days (fractional) from `date` to `now`; dates as ISO strings, Dates or epoch seconds. Throws on a date it cannot read, so never NaN.
    //: e.g. lib.time.daysSince(key.CreateDate) > 90
    daysSince: entry("time.daysSince", function (date, now) {
      const end = arguments.length < 2 || now === undefined ? dateTime(new DateConstructor()) : timeOf(now, "now");
      return (end - timeOf(date, "date")) / DAY_MS;
    }),

    //: lib.time.daysUntil(date, now = new Date()) -> number
    //: Days (fractional) from `now` to `date`: negative once `date` has passed.
    //: e.g. lib.time.daysUntil(certificate.Expiration) < 30
    daysUntil: entry("time.daysUntil", function (date, now) {
      const start = arguments.length < 2 || now === undefined ? dateTime(new DateConstructor()) : timeOf(now, "now");
      return (timeOf(date, "date") - start) / DAY_MS;
    }),

    //: lib.time.parse(date) -> Date
    //: A Date from an ISO string, a Date or epoch seconds; throws on anything unreadable.
    //: e.g. lib.time.parse(report.password_last_used)
    parse: entry("time.parse", (date) => new DateConstructor(timeOf(date, "date"))),
  };

  return { api: namespace(time) };
});
