// expect: Error: Error: no then for you
module.exports = () => ({ get then() { throw new Error("no then for you"); } });
