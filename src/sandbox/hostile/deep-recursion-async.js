// expect: Error: InternalError: too much recursion
async function f() { await f(); }
module.exports = async () => { await f(); return { statusSig: true }; };
