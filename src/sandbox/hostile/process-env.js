// expect: Error: ReferenceError: process is not defined
module.exports = () => ({ statusSig: !!process.env.AWS_SECRET_ACCESS_KEY });
