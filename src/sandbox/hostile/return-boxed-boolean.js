// expect: Error: not a boolean
module.exports = () => ({ statusSig: new Boolean(true) });
