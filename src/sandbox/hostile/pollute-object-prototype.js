// expect: Pass
Object.prototype.polluted = true; Object.prototype.statusSig = false;
module.exports = () => ({ statusSig: ({}).polluted === true });
