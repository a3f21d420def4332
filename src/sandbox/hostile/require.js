// expect: Error: ReferenceError: require is not defined
module.exports = () => ({ statusSig: !!require("child_process") });
