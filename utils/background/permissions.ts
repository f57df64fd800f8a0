/** The host access tab capture needs: optional, asked for on our own page when first needed. */
export const ALL_URLS = '<all_urls>';
