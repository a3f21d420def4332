// expect: Pass
module.exports = () => ({ statusSig: /^\p{L}+$/u.test("Ünïcödé") && "ß".toUpperCase() === "SS" });
