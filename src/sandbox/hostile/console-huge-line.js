// expect: Pass
module.exports = () => { console.log("x".repeat(8e6)); return { statusSig: true }; };
