// expect: Error: time limit exceeded
module.exports = () => ({ statusSig: /^(\w|\w\w)*$/.test("ab".repeat(30) + "!") });
