// expect: Pass
module.exports = () => { for (let i = 0; i < 2e6; i++) console.log("spam", i); return { statusSig: true }; };
