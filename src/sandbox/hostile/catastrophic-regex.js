// expect: Error: time limit exceeded
module.exports = () => ({ statusSig: /^(a+)+$/.test("a".repeat(40) + "b") });
