/** The session cookie's name: HttpOnly, SameSite=Lax, Secure behind https. */
export const SESSION_COOKIE = 'tandem_session';
