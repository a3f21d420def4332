const REQUIRED = { FullName: "full name", PhoneNumber: "phone number", AddressLine1: "address", City: "city", CountryCode: "country",
                   PostalCode: "postal code" };

// resource.data is the account's GetContactInformation answer; asked only when missing.
module.exports = async function (apiCaller, resource) {
  let contact = resource.data && resource.data.ContactInformation;
  if (!contact) {
    const res = await apiCaller({ service: "Account", endpoint: "getContactInformation" });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    contact = apiResponse.ContactInformation || {};
  }
  const missing = Object.keys(REQUIRED).filter((k) => !contact[k] || !String(contact[k]).trim()).map((k) => REQUIRED[k]);
  return missing.length ? { statusSig: false, statusMessage: "Missing: " + missing.join(", ") } : { statusSig: true };
};
