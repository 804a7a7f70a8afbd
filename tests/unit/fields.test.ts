import { describe, expect, it } from 'vitest';
import { functionalEmail, httpsUrl, isoDate, phoneNumber } from '../../src/lib/content/fields';
import { formatDate, telHref } from '../../src/lib/format';

describe('phone numbers', () => {
  it.each(['112', '0800-7000', '0800-2000', '0900-8844', '14 0343', '088-374 47 44', '030 123 45 67', '+31 30 123 4567'])('accepts %s', (number) =>
    expect(phoneNumber.safeParse(number).success).toBe(true),
  );

  it.each(['0800-70', '12345', '0031301234567', 'bel ons'])('refuses %s as not Dutch', (number) => {
    const result = phoneNumber.safeParse(number);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('geen geldig Nederlands telefoonnummer');
  });

  it.each(['06-12345678', '+31 6 12345678'])('refuses mobile number %s because it may be a person’s', (number) => {
    const result = phoneNumber.safeParse(number);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('Mobiele nummers');
  });

  it('links numbers by their digits', () => {
    expect(telHref('088-374 47 44')).toBe('tel:0883744744');
    expect(telHref('0800-7000')).toBe('tel:08007000');
  });
});

describe('e-mail addresses', () => {
  it.each(['teamzm@moviera.nl', 'mensenhandel@gemeente.nl', 'info@example.org'])('accepts functional %s', (email) =>
    expect(functionalEmail.safeParse(email).success).toBe(true),
  );
  it.each(['j.jansen@gemeente.nl', 'jan.jansen@gemeente.nl'])('refuses personal-looking %s', (email) => {
    const result = functionalEmail.safeParse(email);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('persoonlijk');
  });
});

describe('urls and dates', () => {
  it('accepts only https addresses', () => {
    expect(httpsUrl.safeParse('https://www.veiligthuis.nl/').success).toBe(true);
    expect(httpsUrl.safeParse('http://www.veiligthuis.nl/').success).toBe(false);
    expect(httpsUrl.safeParse('www.veiligthuis.nl').success).toBe(false);
  });

  it('keeps YAML dates as the date written, in Dutch', () => {
    expect(isoDate.parse(new Date('2023-06-13'))).toBe('2023-06-13');
    expect(isoDate.safeParse('13-06-2023').success).toBe(false);
    expect(formatDate('2014-10-16')).toBe('16 oktober 2014');
  });

  it('writes every month in Dutch as the site always has, on the day written in any time zone', () => {
    const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
    months.forEach((month, i) => expect(formatDate(`2024-${String(i + 1).padStart(2, '0')}-01`)).toBe(`1 ${month} 2024`));
    expect(formatDate('2024-12-31', 'nl')).toBe('31 december 2024');
  });

  it('writes the date in each site language', () => {
    expect(formatDate('2023-06-13', 'en')).toBe('13 June 2023');
    expect(formatDate('2023-06-13', 'pl')).toBe('13 czerwca 2023');
    expect(formatDate('2023-06-13', 'ro')).toBe('13 iunie 2023');
    expect(formatDate('2023-06-13', 'bg')).toBe('13 юни 2023 г.');
    expect(formatDate('2023-06-13', 'uk')).toBe('13 червня 2023 р.');
  });
});
