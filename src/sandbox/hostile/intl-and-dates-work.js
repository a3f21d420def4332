// expect: Pass
module.exports = () => ({ statusSig: new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", hour: "numeric" }).format(0).length > 0 && new Date(0).toISOString() === "1970-01-01T00:00:00.000Z" });
