// Word lists for OTP detection, as plain regexes: no dependency, and small once minified.
// Page text is lower-cased before matching; attribute text goes through `attrWords` first.

/** Splits camelCase and separators so `idvPin`, `otp_attempt` and `user[otp]` become space-separated words. */
export const attrWords = (s: string): string =>
  // Run on every candidate field of a page, so each rewrite runs only when there is something to rewrite.
  (/[a-z][A-Z]/.test(s) ? s.replace(/([a-z])([A-Z])/g, '$1 $2') : s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');

/** name/id words that on their own say "one-time code" (`[^o]` keeps "footprint" out). */
export const ATTR_OTP =
  /(?:^|[^o])otp|mfa|2fa|\btfa\b|\botc\b|2sv|two ?factor|one ?time|passcode|approvals|\bidv|authenticator|(?:verif\w*|auth|sms|login|sign ?in|recovery|backup) ?code/;

/** name/id words that mean "a code" only when the page around them talks about verification. */
export const ATTR_WEAK = /code|\bpin\b|token|verif|challenge|\bauth|digit|security/;

/** name/id/autocomplete words of fields that are never an OTP box, whatever the page says. */
export const ATTR_NEVER =
  /\b(?:cc|cvv|cvc|csc|cvn|card\w*|exp\w*|zip\w*|postal|postcode|plz|coupon|promo\w*|voucher|gift\w*|discount|qty|quantity|amount|price|search|query|q|captcha|recaptcha|ssn|tax\w*|vat|iban|birth\w*|dob|bday|date|day|month|year|newsletter|subscribe|user ?code|device ?code|activation\w*|pairing\w*)\b/;

/** name/id/autocomplete words of other sign-in fields: a no unless a code word is there too. */
export const ATTR_OTHER =
  /\b(?:phone|tel\w*|mobile|msisdn|e ?mail|user(?:name)?|pass(?:word|wd)?|pwd|new|current)\b/;

/** Phrases that name a one-time code, in English, German, French, Spanish, Italian, Portuguese, Dutch, Japanese, Chinese. */
export const TEXT_OTP = new RegExp(
  [
    'one[- ]?time',
    '\\b(?:t?otp|2fa|mfa|2sv)\\b',
    '(?:two|2)[- ]?(?:factor|step)',
    'multi[- ]?factor',
    '(?:verification|verify|authentication|login|sign[- ]?in|confirmation|backup|recovery|approval|access|auth|[4-8][- ]?digit|six[- ]digit) code',
    'authenticator|passcode',
    'enter (?:the |your )?code',
    'code (?:we|that we|was|has been) (?:just )?(?:sent|texted|emailed)',
    "we(?:'ve| have| just)? sent (?:you )?a (?:\\S+ )?code",
    '(?:bestätigungs|verifizierungs|authentifizierungs|anmelde|wiederherstellungs|einmal|login)-?code',
    'einmal-?(?:passwort|kennwort)|(?:zwei|2)[- ]?(?:faktor|schritt)|code eingeben',
    'code (?:de |d.)(?:v[ée]rification|confirmation|secours|connexion|authentification|r[ée]cup[ée]ration)',
    'usage unique|un solo uso|uso [uú]nico|monouso|eenmalig',
    'double authentification|deux (?:facteurs|[ée]tapes)',
    'c[oó]digo (?:de )?(?:verifica|confirma|recupera|acce?sso|autentica|respaldo)',
    '(?:dos|duas|dois) (?:pasos|etapas|factores|fatores)',
    'codice (?:di )?(?:verifica|conferma|recupero|backup|otp|accesso)|due (?:passaggi|fattori)',
    '(?:verificatie|bevestigings|herstel|inlog|authenticatie)code|twee(?:staps|[- ]?factor)',
    '(?:確認|認証|検証|バックアップ|リカバリー)コード|ワンタイム|[2２二]段階認証',
    '[验驗][证證][码碼]|[动動][态態](?:密[码碼]|口令)|[两兩二]步[验驗][证證]|二次[验驗][证證]|[双雙]重[验驗][证證]',
    '(?:校[验驗]|恢复|[备備]用)[码碼]',
  ].join('|'),
);

/**
 * "code"/"PIN" alone, and "security code" (also the name of a card's CVV in most languages): an OTP
 * only when the page around it talks about verification.
 */
export const TEXT_WEAK =
  /\bcode\b|\bpin\b|\btoken\b|c[oó]digo|codice|sicherheitscode|beveiligingscode|コード|[码碼]/;

/** RFC 8628 device pages (TVs, CLIs): the code shown on another device, to pair it, is not a one-time code. */
const DEVICE_PAIRING =
  '(?:device|user|activation|pairing|tv) code|code (?:displayed|shown) on (?:your|the) (?:device|tv|screen)|activate (?:a |your )?device|device activation|(?:connect|pair|link) (?:a |your )?(?:device|tv)';

/** Labels of fields that are never an OTP box: card, postal, coupon, captcha, quantity, search, money… */
export const TEXT_NEVER = new RegExp(
  [
    'card ?(?:number|holder|pin)|credit|debit|\\bcv[cv]|\\bcsc\\b|expir|mm ?/ ?yy|karten|carte bancaire|tarjeta|carta di|cartão|kaartn|カード|卡号|信用卡',
    'zip|postal|post ?code|postleitzahl|\\bplz\\b|郵便番号|[邮郵][编政]',
    'coupon|promo|voucher|gift|gutschein|rabatt|discount|cup[oó][nm]|buono|sconto|korting|cadeau|r[ée]duction|descuento|desconto|クーポン|割引|[优優]惠|折扣|[礼禮]品',
    'captcha|characters (?:in|shown|you see)|image|im bild|immagine|afbeelding|画像|[图圖][片形]',
    'quantit|\\bqty\\b|menge|cantidad|aantal|[数數]量',
    'search|suche|recherch|buscar|pesquis|zoek|検索|搜索|搜尋',
    'social security|\\bssn\\b|\\btax\\b|steuer|fiscal|\\bvat\\b|iban|account number|routing|sort code|kontonummer',
    'birth|\\bdob\\b|geburt|naissance|nacimiento|nasci|geboorte|生年月日|出生|生日',
    'amount|betrag|montant|import[eo]|bedrag|金[额額]|price|preis|prix|pre(?:cio|zzo|ço)|prijs',
    'newsletter|subscribe|abonn|suscr|iscriviti|inscreva|購読|[订訂][阅閱]',
    DEVICE_PAIRING,
  ].join('|'),
);

/** Labels of other sign-in fields (password, phone, e-mail): a no unless the label also names a code. */
export const TEXT_OTHER =
  /password|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|パスワード|密[码碼]|phone number|mobile number|telephone|telefon|t[ée]l[ée]phone|tel[ée]fono|telefone|電話番号|手[机機][号號]|e-?mail address|adresse e-?mail|correo electr|endereço de e-?mail|indirizzo e-?mail|e-?mailadres|メールアドレス|[邮郵]箱地址/;

/** Page text around a field that makes it a checkout, a sign-up or a device pairing, not a sign-in. */
export const CONTEXT_NEVER = new RegExp(
  `card number|credit card|debit card|\\bcv[cv]\\b|expir|shipping|checkout|billing|coupon|newsletter|subscribe|captcha|postal code|zip code|${DEVICE_PAIRING}`,
);

/** Sign-in wording that makes a digits-only "security code" box a code prompt. */
export const CONTEXT_SIGN_IN =
  /sign(?:ing)?[- ]?in|log(?:ging)?[- ]?in|verify (?:it'?s|that it'?s) you|confirm (?:it'?s|your identity)|anmeld|connexion|iniciar sesi[oó]n|accedi|inloggen|ログイン|登[录錄]/;

/** "Use a backup code instead" names the way out, not the prompt on screen: left out when telling the kind. */
export const ALTERNATIVE =
  /lost (?:access to )?your (?:phone|device)\??|(?:use|try|enter|with|sign in with|have) (?:an? |your |one of your )?(?:backup|recovery) (?:code|token|key)s?(?: instead)?/g;

/** Named only in a heading or label ("One-Time Password"), with no channel word: an authenticator's code. */
export const TOTP_FALLBACK = /one[- ]time[- ]password|einmalpasswort|mot de passe à usage unique/;

/** Text saying a code was sent (by e-mail, when it holds letters too). */
export const SENT = /\bsent\b|check your|gesendet|envoy|enviado|inviato|verzonden|送信|[发發]送/;

/** Words per kind; on a tie the earlier kind wins (GitLab's TOTP prompt also mentions recovery codes). */
export const KIND_WORDS = [
  [
    'totp',
    /authenticator|(?:authentication|auth|otp|one-time password|two-factor|2fa) app|(?:code|token) generator|\btotp\b|app otp|authentifizierungs-?app|authenticatie-?app|app(?:lication|licazione)? d.?(?:i )?authenti|aplicaci[oó]n de autentica|aplicativo de autentica|app de autentica|app di autentica|認証アプリ|[验驗][证證]器|身[份分][验驗][证證]|steam guard|mobile app/,
  ],
  [
    'recovery',
    /recovery|backup|wiederherstellung|secours|r[ée]cup[ée]ration|recupera|recupero|respaldo|herstel|リカバリー|バックアップ|恢复|復原|[备備]用|救援/,
  ],
  [
    'sms',
    /\bsms\b|text message|textnachricht|mensa(?:je|gem) de texto|messaggio|\btext(?:ed)? (?:to|you)|\btexted\b|ending in|[•*·x]{2,} ?\d{2}|phone|handy|tel[ée]fo|cell?ular|portable|m[oó]vil|携帯|電話|手[机機]|短信|簡訊|ショートメッセージ|\bidv\b/,
  ],
  [
    'email',
    /e-?mail|\*@|courriel|correo|posta elettronica|inbox|posteingang|postvak|@[\w-]+\.|メール|[邮郵][件箱]|電子郵件/,
  ],
] as const;
