// expect: Pass
module.exports = () => { let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; console.log(o); return { statusSig: true }; };
