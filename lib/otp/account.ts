import { z } from 'zod';

/** HMAC hash used by the OTP generator (RFC 6238 §1.2 allows SHA-1, SHA-256, SHA-512). */
export const AlgorithmSchema = z.enum(['SHA1', 'SHA256', 'SHA512']);
export type Algorithm = z.infer<typeof AlgorithmSchema>;

/** `steam` is TOTP with Steam's 5-character alphabet encoding. */
export const OtpTypeSchema = z.enum(['totp', 'hotp', 'steam']);
export type OtpType = z.infer<typeof OtpTypeSchema>;

/** Canonical base32 (RFC 4648, upper case, no padding, no spaces). */
export const Base32SecretSchema = z
  .string()
  .regex(/^[A-Z2-7]+$/, 'The secret is not base32 (letters A–Z and digits 2–7).')
  .min(2, 'The secret is too short.') // one byte
  .max(1024, 'The secret is absurdly long.');

/** What an otpauth URI, a migration QR code or an import file describes: enough to generate codes. */
export const AccountSchema = z.object({
  type: OtpTypeSchema,
  issuer: z.string().max(256),
  label: z.string().max(256),
  secret: Base32SecretSchema,
  algorithm: AlgorithmSchema,
  digits: z.number().int().min(5).max(10),
  period: z.number().int().min(1).max(3600),
  counter: z.number().int().min(0),
});
export type Account = z.infer<typeof AccountSchema>;
