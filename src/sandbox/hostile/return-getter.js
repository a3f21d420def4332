// expect: Error: statusSig is a getter
module.exports = () => ({ get statusSig() { for (;;) {} } });
