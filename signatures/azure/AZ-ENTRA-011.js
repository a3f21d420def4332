// guestUserRoleId: a0b1b346-... same access as members; 10dae51f-... limited access (Entra's
// default, also when absent); 2af84b1e-... restricted to their own directory objects.
const ROLES = {
  "a0b1b346-4d3e-4e8b-98f8-753987be4970": "the same access as members",
  "10dae51f-b6af-4016-807d-e3a07d37c2a8": "limited access to properties and memberships of directory objects",
  "2af84b1e-32c8-42b7-82bc-daa82404023b": "access restricted to their own directory objects",
};
const RESTRICTED = "2af84b1e-32c8-42b7-82bc-daa82404023b";

module.exports = async function (apiCaller, resource) {
  const role = String((resource.data || {}).guestUserRoleId || "10dae51f-b6af-4016-807d-e3a07d37c2a8").toLowerCase();
  return { statusSig: role === RESTRICTED, statusMessage: "Guest users have " + (ROLES[role] || "the access of role " + role) };
};
