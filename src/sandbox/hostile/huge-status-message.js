// expect: Pass: x{1000}
module.exports = () => ({ statusSig: true, statusMessage: "x".repeat(5e7) });
