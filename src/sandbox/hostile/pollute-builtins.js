// expect: Pass
Array.prototype.map = () => "hijacked"; JSON.stringify = () => "{}"; JSON.parse = () => ({});
Promise.prototype.then = function () { return this; }; Function.prototype.call = null;
globalThis.leak = "from an earlier signature";
module.exports = () => ({ statusSig: true });
