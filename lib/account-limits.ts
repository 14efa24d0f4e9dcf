/** Length limits of account fields, kept apart from the zod rules so client forms can show them cheaply. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const NAME_MIN = 2;
export const NAME_MAX = 40;
