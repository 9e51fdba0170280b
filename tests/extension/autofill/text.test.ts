import { describe, expect, it } from 'vitest';
import { compileKeywords, fold } from '../../../extension/autofill/text';

describe('fold', () => {
  it.each([
    ['approvals_code', 'approvals code'],
    ['otpCode-0', 'otp code 0'],
    ['user[otp_attempt]', 'user otp attempt'],
    ['credentials.passcode', 'credentials passcode'],
    ['MFACode', 'mfa code'],
    ['txtOTP', 'txt otp'],
    ['Bestätigungscode', 'bestatigungscode'],
    ['Código de verificación', 'codigo de verificacion'],
    ['Größe', 'grosse'],
    ['Kod bezpieczeństwa', 'kod bezpieczenstwa'],
    ['６桁', '6桁'],
    ['', ''],
  ])('%s → %s', (input, want) => {
    expect(fold(input)).toBe(want);
  });
});

describe('compileKeywords', () => {
  const m = compileKeywords(['otp^', 'verification code', 'authenticat*', 'pin', '確認コード']);

  it('matches whole words, stems, affixes and run-together phrases', () => {
    expect(m.find(fold('Enter OTP'))).toBe('otp');
    expect(m.find(fold('smsotp'))).toBe('otp');
    expect(m.find(fold('otpInput'))).toBe('otp');
    expect(m.find(fold('Verification code'))).toBe('verification code');
    expect(m.find(fold('verificationCodeInput'))).toBe('verification code');
    expect(m.find(fold('verificationcodeinput'))).toBe('verificationcode');
    expect(m.find(fold('Open your Authenticator app'))).toBe('authenticat');
    expect(m.find(fold('PIN'))).toBe('pin');
    expect(m.find(fold('認証アプリの確認コードを入力'))).not.toBeNull();
  });

  it('does not match inside unrelated words', () => {
    expect(m.find(fold('footprint hotpot'))).toBeNull();
    expect(m.find(fold('Pinterest spinner'))).toBeNull();
    expect(m.find(fold('verification'))).toBeNull();
    expect(m.find('')).toBeNull();
  });
});
