/**
 * The reply templates a new desk starts with: standard texts to the reporter, in plain Dutch (B1)
 * with "u", and the same in English. They promise nothing the desk cannot keep: no answer within
 * a term, no outcome, no feedback on what the police or others do. `{ontvangen}` becomes the day
 * the report came in (in the template's language), filled in the browser. The team changes or
 * removes them under Standaardteksten; the server stores them sealed like every other template.
 */
export interface TemplateText {
  title: string;
  /** The language the text is written in (a report's `language` code). */
  language: string;
  text: string;
}

/** `{ontvangen}` becomes the day the report came in, written in the template's language; other braces stay as they are. */
export function fillPlaceholders(text: string, language: string, receivedDay: string): string {
  // British order for English ("3 December 2026"): reporters here read dates day first.
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return text.replaceAll('{ontvangen}', format.format(new Date(`${receivedDay}T00:00:00Z`)));
}

export const DEFAULT_TEMPLATES: readonly TemplateText[] = [
  {
    title: 'Ontvangst bevestigen',
    language: 'nl',
    text:
      'Dank u voor uw melding van {ontvangen}. Wij hebben uw melding goed ontvangen. Wij lezen elke melding zorgvuldig.\n\n' +
      'Misschien stellen wij u nog een vraag. Kijk daarom af en toe op deze pagina met uw code. U hoeft geen vragen te beantwoorden als u dat niet wilt.\n\n' +
      'Is er nu gevaar? Bel dan 112.',
  },
  {
    title: 'Vragen naar plaats en tijd',
    language: 'nl',
    text:
      'Dank u voor uw melding. Wij willen graag iets meer weten.\n\n' +
      'Waar gebeurt het? Bijvoorbeeld een straat, een bedrijf of een gebouw dat u herkent.\n' +
      'Wanneer ziet u het? Bijvoorbeeld op welke dagen en hoe laat.\n\n' +
      'Schrijf alleen op wat u zelf weet. Weet u iets niet? Dat is niet erg. Schrijf geen gegevens over uzelf op.',
  },
  {
    title: 'Melding doorgegeven',
    language: 'nl',
    text:
      'Wij hebben uw melding doorgegeven aan een organisatie die er verder mee kan werken. ' +
      'Wij kunnen u niet vertellen wat zij met uw melding doen. Dat is om iedereen te beschermen, ook u.\n\n' +
      'Dank u dat u dit heeft gemeld.',
  },
  {
    title: 'Melding afsluiten',
    language: 'nl',
    text:
      'Wij sluiten uw melding nu af. Dank u voor uw hulp.\n\n' +
      'Ook als u niet hoort wat er met uw melding is gebeurd, was uw melding belangrijk. ' +
      'Ziet u opnieuw iets wat niet klopt? Dan kunt u altijd een nieuwe melding doen.',
  },
  {
    title: 'Ontvangst bevestigen',
    language: 'en',
    text:
      'Thank you for your report of {ontvangen}. We have received it. We read every report carefully.\n\n' +
      'We may ask you a question. Please check this page with your code now and then. You do not have to answer if you do not want to.\n\n' +
      'Is someone in danger right now? Call 112.',
  },
  {
    title: 'Vragen naar plaats en tijd',
    language: 'en',
    text:
      'Thank you for your report. We would like to know a little more.\n\n' +
      'Where does it happen? For example a street, a company or a building you recognise.\n' +
      'When do you see it? For example on which days and at what time.\n\n' +
      'Only write what you know yourself. If you do not know something, that is fine. Do not write anything about yourself.',
  },
  {
    title: 'Melding doorgegeven',
    language: 'en',
    text:
      'We have passed your report on to an organisation that can take it further. ' +
      'We cannot tell you what they do with it. This is to protect everyone, including you.\n\n' +
      'Thank you for reporting this.',
  },
  {
    title: 'Melding afsluiten',
    language: 'en',
    text:
      'We are now closing your report. Thank you for your help.\n\n' +
      'Even if you do not hear what happened with your report, it mattered. ' +
      'If you see something wrong again, you can always make a new report.',
  },
];
