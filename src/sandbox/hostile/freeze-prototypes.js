// expect: Pass
Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(globalThis);
module.exports = () => ({ statusSig: Object.isFrozen(Object.prototype) });
