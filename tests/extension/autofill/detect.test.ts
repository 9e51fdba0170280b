// Behaviour of the detector on small pages, beyond the fixture corpus.
import { describe, expect, it } from 'vitest';
import { explainOtpFields, findOtpFields } from '../../../extension/autofill/detect';
import { scoreContext, scoreField } from '../../../extension/autofill/score';
import { fold } from '../../../extension/autofill/text';
import { loadHtml } from './load-fixture';

const page = (body: string, title = 'Sign in') =>
  loadHtml(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`);
const names = (doc: Document | Element) =>
  findOtpFields(doc).map((p) => p.map((i) => i.name || i.id).join('+'));

describe('findOtpFields', () => {
  it('accepts autocomplete="one-time-code" on text, tel, number and password inputs', () => {
    for (const type of ['text', 'tel', 'number', 'password', '']) {
      const doc = page(`<input ${type ? `type="${type}"` : ''} name="c" autocomplete="one-time-code">`);
      expect(names(doc), type).toEqual(['c']);
    }
  });

  it('never returns email, search, checkbox or hidden inputs', () => {
    for (const type of ['email', 'search', 'checkbox', 'hidden', 'url', 'date']) {
      const doc = page(`<input type="${type}" name="otp" autocomplete="one-time-code">`);
      expect(names(doc), type).toEqual([]);
    }
  });

  it('reads keywords from name, id, class, placeholder, aria-label, title, data-* and labels', () => {
    const variants = [
      '<input name="mfa_code">',
      '<input id="twoFactorCode">',
      '<input class="input verificationCodeInput">',
      '<input placeholder="Authentication code">',
      '<input aria-label="One-time password">',
      '<input title="2FA code">',
      '<input data-testid="totp-field">',
      '<label for="x">Security code from your app</label><input id="x">',
      '<label>Verification code <input></label>',
      '<span id="l">Two-factor code</span><input aria-labelledby="l">',
      '<input aria-describedby="h"><small id="h">Open your authenticator app</small>',
    ];
    for (const v of variants) expect(findOtpFields(page(`<form>${v}</form>`)), v).toHaveLength(1);
  });

  it('reads keywords in other languages', () => {
    const labels = [
      'Bestätigungscode',
      'Code de vérification',
      'Código de verificación',
      'Codice di verifica',
      'Código de verificação',
      'Verificatiecode',
      'Kod weryfikacyjny',
      'Код подтверждения',
      '確認コード',
      '验证码',
      '인증번호',
      'Doğrulama kodu',
      'Verifieringskod',
    ];
    for (const l of labels) {
      expect(findOtpFields(page(`<form><label for="x">${l}</label><input id="x"></form>`)), l).toHaveLength(
        1,
      );
    }
  });

  it('takes the ambiguous word "code" only with support', () => {
    expect(names(page('<form><label for="c">Code</label><input id="c" name="code"></form>'))).toEqual([]);
    expect(
      names(
        page(
          '<form><label for="c">Code</label><input id="c" name="code" inputmode="numeric" maxlength="6"></form>',
        ),
      ),
    ).toEqual(['code']);
    expect(
      names(
        page('<form><p>Enter the 6-digit code from your authenticator app.</p><input name="code"></form>'),
      ),
    ).toEqual(['code']);
    expect(
      names(page('<form><p>Enter the code from your authenticator app.</p><input name="pin"></form>')),
    ).toEqual(['pin']);
  });

  it('rejects the password field of a sign-in form but not a password-type OTP field', () => {
    const login = page(
      '<form><h1>Two-factor authentication is on</h1><input name="username"><input type="password" name="password"></form>',
    );
    expect(names(login)).toEqual([]);
    const otp = page(
      '<form><label for="p">One-time password</label><input type="password" id="p" name="p"></form>',
    );
    expect(names(otp)).toEqual(['p']);
  });

  it('searches open shadow roots, recursively', () => {
    const doc = page('<div id="a"></div>');
    const outer = (doc.getElementById('a') as HTMLElement).attachShadow({ mode: 'open' });
    outer.innerHTML = '<section><div id="b"></div></section>';
    const inner = (outer.getElementById('b') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML = '<label for="o">Two-factor code</label><input id="o" name="o">';
    expect(names(doc)).toEqual(['o']);
  });

  it('scans only under the root element it is given', () => {
    const doc = page('<div id="a"><input name="otp_a" autocomplete="one-time-code"></div><div id="b"></div>');
    expect(names(doc.getElementById('b') as HTMLElement)).toEqual([]);
    expect(names(doc.getElementById('a') as HTMLElement)).toEqual(['otp_a']);
  });

  it('groups 4–8 one-character boxes, and not 3 or 9', () => {
    const boxes = (n: number) =>
      `<form><h2>Enter the verification code</h2><div>${'<input maxlength="1" inputmode="numeric">'.repeat(n)}</div></form>`;
    for (const n of [4, 5, 6, 7, 8]) expect(findOtpFields(page(boxes(n)))[0], String(n)).toHaveLength(n);
    for (const n of [3, 9]) expect(findOtpFields(page(boxes(n))), String(n)).toEqual([]);
  });

  it('keeps two separate split codes apart and groups boxes only of the same type', () => {
    const doc = page(
      `<form><h2>Enter the codes from your authenticator app</h2>
       <div>${'<input maxlength="1" inputmode="numeric" name="a">'.repeat(6)}</div>
       <input name="sep" type="checkbox">
       <div>${'<input maxlength="1" inputmode="numeric" name="b">'.repeat(6)}</div></form>`,
    );
    expect(findOtpFields(doc).map((p) => p.map((i) => i.name).join(''))).toEqual(['aaaaaa', 'bbbbbb']);
    const mixed = page(
      `<form><h2>Verification code</h2><div>${'<input maxlength="1" type="text">'.repeat(3)}${'<input maxlength="1" type="tel">'.repeat(3)}</div></form>`,
    );
    expect(findOtpFields(mixed)).toEqual([]);
  });

  it('explains its decisions', () => {
    const doc = page('<form><input name="otp" autocomplete="one-time-code"><input name="email"></form>');
    const [otp, email] = explainOtpFields(doc);
    expect(otp?.accepted).toBe(true);
    expect(otp?.reasons).toContain('+7 autocomplete=one-time-code');
    expect(email?.accepted).toBe(false);
  });
});

describe('scoring, on plain facts', () => {
  const facts = {
    type: 'text',
    autocomplete: '',
    inputMode: '',
    pattern: '',
    maxLength: -1,
    placeholder: '',
    own: '',
    cls: '',
    label: '',
    boxes: 1,
  };
  const context = { text: '', title: '', cardNearby: false, loginNearby: false, captcha: false, fillable: 1 };

  it('a card form outweighs "security code"', () => {
    const s = scoreField({ ...facts, own: fold('securityCode'), maxLength: 4, inputMode: 'numeric' });
    expect(s.score).toBeGreaterThan(4);
    expect(scoreContext(s, { ...context, cardNearby: true }).score).toBeLessThan(4);
  });

  it('backup and recovery code fields are never OTP fields', () => {
    for (const own of ['recovery_code', 'backupCode', 'backup-codes']) {
      const s = scoreContext(scoreField({ ...facts, own: fold(own) }), {
        ...context,
        text: fold('Two-factor recovery'),
      });
      expect(s.score, own).toBeLessThan(4);
    }
  });

  it('a "create a PIN" form is not a one-time code', () => {
    const s = scoreField({ ...facts, boxes: 6, inputMode: 'numeric', type: 'password' });
    expect(scoreContext(s, { ...context, text: fold('Create a PIN for payments') }).score).toBeLessThan(4);
  });
});

describe('split codes and styles', () => {
  it('drops a box hidden by a stylesheet and keeps the rest of the group', () => {
    const doc = loadHtml(
      `<!doctype html><html><head><title>x</title><style>.spare{display:none}</style></head><body>
       <form><h2>Enter the verification code</h2><div>${'<input maxlength="1" inputmode="numeric" class="d">'.repeat(6)}<input maxlength="1" inputmode="numeric" class="spare"></div></form></body></html>`,
    );
    const places = findOtpFields(doc);
    expect(places).toHaveLength(1);
    expect(places[0]?.every((i) => i.className === 'd')).toBe(true);
    expect(places[0]).toHaveLength(6);
  });

  it('finds boxes nested in component-library wrappers', () => {
    const box =
      '<div class="grid-item"><div class="form-control"><div class="input-base"><input maxlength="1" inputmode="numeric"></div></div></div>';
    const doc = page(
      `<form><h2>Two-factor authentication</h2><div class="grid">${box.repeat(6)}</div></form>`,
    );
    expect(findOtpFields(doc)[0]).toHaveLength(6);
  });

  it('returns nothing from a stylesheet-hidden single field', () => {
    const doc = loadHtml(
      '<!doctype html><html><head><title>x</title><style>#m{display:none}</style></head><body><div id="m"><input name="otp" autocomplete="one-time-code"></div></body></html>',
    );
    expect(findOtpFields(doc)).toEqual([]);
  });
});
