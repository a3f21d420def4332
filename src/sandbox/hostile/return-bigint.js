// expect: Error: not a boolean
module.exports = () => ({ statusSig: 1n });
