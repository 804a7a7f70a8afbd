/**
 * Every interface string of the site, documented: where it appears and which {placeholders}
 * the page fills in. The texts themselves live in src/i18n/strings/<taal>.json; Dutch (nl.json)
 * is the source and every other language has exactly the same keys (checked by
 * `npm run check:translations`, see ./check.ts). Modelled on Starlight's schemas/i18n.ts.
 *
 * To add a key: add it here with a description, then to nl.json and to every other language.
 * A description names each placeholder as {name}; a unit test holds nl.json to that.
 */
import { z } from 'astro/zod';
import { FORM_IDS, GEBIED_TYPE_IDS, MUNICIPAL_ROLE_IDS, REGIONAL_BODY_IDS, ROLE_IDS, SECTOR_IDS } from '../lib/content/schemas/ids.ts';
import { DANGER_OPTIONS, EXPLOITATION_OPTIONS } from '../lib/report/form.ts';

const text = (where: string) => z.string().describe(where);

/**
 * A string that counts: its plural forms, one per category Intl.PluralRules gives the language
 * (nl/en/bg: one, other; ro: one, few, other; pl/uk: one, few, many, other). Every form has the
 * placeholders the description names; the first number among them picks the form
 * (src/i18n/message.ts). `npm run check:translations` checks that each language has exactly
 * its categories.
 */
const plural = (where: string) =>
  z.strictObject({
    zero: z.string().optional(),
    one: z.string().optional(),
    two: z.string().optional(),
    few: z.string().optional(),
    many: z.string().optional(),
    other: z.string(),
  }).describe(`${where} Plural forms.`);

/** Keys that differ only in an id (the ids live in code) share a description: labels('sector', SECTOR_IDS, 'Name of …'). */
function labels<const Prefix extends string, const Id extends string>(prefix: Prefix, ids: readonly Id[], where: string) {
  return Object.fromEntries(ids.map((id) => [`${prefix}.${id}`, text(`${where} (${id}).`)])) as Record<`${Prefix}.${Id}`, z.ZodString>;
}

export const uiStringsSchema = z.strictObject({
  // Every page: layout, navigation, footer, language switcher, quick exit.
  'site.name': text('Name of the site in the header, the page title and the home page. Never translated.'),
  'skip.main': text('Skip link, the first thing a keyboard user reaches on every page.'),
  'nav.label': text('Accessible name of the main menu in the header.'),
  'nav.home': text('Main menu and breadcrumbs: link to the home page.'),
  'nav.signalen': text('Main menu and breadcrumbs: link to the signals of human trafficking.'),
  'nav.wat': text('Main menu: link to the page "what is human trafficking".'),
  'nav.zoeken': text('Main menu: link to the search page.'),
  'nav.melden': text('Main menu and breadcrumbs: link to the reporting route.'),
  'nav.gemeenten': text('Main menu: link to the list of municipalities.'),
  'nav.hulp': text('Main menu: link to help for victims.'),
  'footer.label': text('Accessible name of the footer navigation.'),
  'footer.organisaties': text('Footer link to the organisations.'),
  'footer.cijfers': text('Footer link to the figures page.'),
  'footer.bronnen': text('Footer link to the sources and colophon.'),
  'footer.privacy': text('Footer link to the privacy page.'),
  'footer.toegankelijkheid': text('Footer link to the accessibility statement.'),
  'footer.veilig': text('Footer link to "visiting this site safely".'),
  'footer.note': text('Sentence at the bottom of every page: no cookies, nothing loaded from elsewhere, call 112 in danger.'),
  'language.label': text('Accessible name of the language switcher.'),
  'language.dutchOnly': text('Added after a link to a page that exists only in Dutch.'),
  'exit.link': text('The quick exit button on every page.'),
  'exit.hint': text('Tooltip of the quick exit button: leaves at once, or press Shift three times.'),
  'exit.leaving': text('Announced to screen readers while the quick exit leaves the page.'),
  'exit.shiftCount': text('Announced after each Shift press of the quick exit; {n} is 1, 2 or 3.'),
  'exit.explain': text('Link next to the quick exit to the page that explains it.'),
  'breadcrumbs.label': text('Accessible name of the breadcrumb trail.'),
  'sources.title': text('Heading of the list of sources below a page.'),
  'sources.section': text('In the source list, before the part of a document a fact comes from ("onderdeel 3.2").'),
  'contact.anonymous': text('Badge on a contact card: this organisation can be contacted anonymously.'),
  'contact.free': text('After a phone number on a contact card: calling is free.'),
  'contact.website': text('Contact card: label of the website link.'),
  'contact.email': text('Contact card: label of the e-mail address.'),
  'contact.call': text('Contact card: link text before a phone number ("Bel 0800-7000").'),
  'contact.heading': text('Translated content pages: heading above the contact cards.'),
  'date.exact': text('Policy plan page: label of the document date.'),
  'date.period': text('Policy plan page: label of the period the plan covers.'),
  'date.old': text('Policy plan page: warning that the document is old; {year} is the year of the document.'),
  'page.reviewed': text('Bottom of a translated content page; {date} is the date of the last review.'),
  'danger.call112': text('Red notice on route and report pages: call 112 when someone is in danger now.'),
  'notFound.title': text('Title of the "page not found" page.'),
  'notFound.text': text('Text of the "page not found" page.'),

  // Home page.
  'home.description': text('Home page: meta description for search engines.'),
  'home.lead': text('Home page: the opening paragraph.'),
  'home.start': text('Home page: heading above the ways to start.'),
  'home.ways.signalen': text('Home page (and the not-found page): way to start, "recognise signals".'),
  'home.ways.signalen.text': text('Home page: one line under "recognise signals".'),
  'home.ways.melden': text('Home page (and the not-found page): way to start, "report".'),
  'home.ways.melden.text': text('Home page: one line under "report".'),
  'home.ways.anoniem': text('Home page: way to start, "report anonymously" (the form).'),
  'home.ways.anoniem.text': text('Home page: one line under "report anonymously".'),
  'home.ways.hulp': text('Home page: way to start, "help for yourself".'),
  'home.ways.hulp.text': text('Home page: one line under "help for yourself".'),
  'home.ways.gemeenten': text('Home page: way to start, "choose your municipality".'),
  'home.ways.gemeenten.text': text('Home page: one line under "choose your municipality".'),
  'home.forWhom': text('Home page: heading above the four audiences.'),
  'home.audience.inwoner': text('Home page: audience card title, residents.'),
  'home.audience.inwoner.text': text('Home page: audience card text for residents.'),
  'home.audience.ondernemer': text('Home page: audience card title, business owners.'),
  'home.audience.ondernemer.text': text('Home page: audience card text for business owners.'),
  'home.audience.professional': text('Home page: audience card title, staff and professionals.'),
  'home.audience.professional.text': text('Home page: audience card text for staff and professionals.'),
  'home.audience.hulp': text('Home page: audience card title, someone who needs help.'),
  'home.audience.hulp.text': text('Home page: audience card text for someone who needs help.'),
  'home.helpLink': text('Home page: link to help for victims.'),
  'home.safetyLink': text('Home page: link to "visiting this site safely".'),
  'home.contact': text('Home page: heading above the direct contacts.'),
  'home.translatedIntro': text('Home page in a translated language only: which pages are translated and which stay Dutch.'),

  // Labels of the ids that content and URLs use (the ids themselves stay in code).
  ...labels('form', FORM_IDS, 'Name of a form of exploitation: signal pages, signal overview, search filter, report form'),
  'context.binnenland': text('Signal page, "where": the signal plays within the Netherlands.'),
  'context.grensoverschrijdend': text('Signal page, "where": the signal plays across the border.'),
  'context.beide': text('Signal page, "where": both within the Netherlands and across the border.'),
  ...labels('sector', SECTOR_IDS, 'Name of a business sector: the pages for business owners and the signal pages'),
  ...labels('role', ROLE_IDS, 'Name of a professional role: the pages for professionals and the signal pages'),
  ...labels('body', REGIONAL_BODY_IDS, 'Name of a role an organisation fills for a region: municipality and region pages'),
  ...labels('municipalRole', MUNICIPAL_ROLE_IDS, 'Name of one of the four roles of a municipality: policy plan pages'),
  ...labels('gebiedType', GEBIED_TYPE_IDS, 'Name of a kind of official region division: region division pages and municipality pages'),

  // Signals.
  'signal.kicker': text('Signal page: small line above the signal ("signal of human trafficking").'),
  'signal.example': text('Signal page and signal lists: label before the example situation.'),
  'signal.pointsTo': text('Signal page: label before the forms of exploitation the signal can point to.'),
  'signal.where': text('Signal page: label before within the Netherlands / across the border.'),
  'signal.whoSees': text('Signal page: label before who can notice the signal.'),
  'signal.whatToDo': text('Signal page: heading "what can you do?".'),
  'signal.whatToDo.text': text('Signal page: what to do; {routeLink} is the link signal.whatToDo.route, {formLink} the link signal.whatToDo.form.'),
  'signal.whatToDo.route': text('Signal page: link text to the reporting route, the link in signal.whatToDo.text.'),
  'signal.whatToDo.form': text('Signal page: link text to the report form, the link in signal.whatToDo.text.'),
  'signals.title': text('Signal overview page: title.'),
  'signals.description': text('Signal overview page: meta description.'),
  'signals.lead': text('Signal overview page: opening paragraph.'),
  'signals.count': plural('Signal overview page: number of signals of a form; {count} is the number.'),

  // Reporting route.
  'route.title': text('Reporting route, first page: title.'),
  'route.description': text('Reporting route, first page: meta description.'),
  'route.lead': text('Reporting route, first page: opening paragraph.'),
  'route.lead.gemeente': text('Reporting route, first page: pointer to the municipalities; {link} is route.lead.gemeente.link.'),
  'route.lead.gemeente.link': text('Reporting route: link text to the municipalities, the link in route.lead.gemeente.'),
  'route.step.description': text('Reporting route, each step: meta description.'),
  'route.nextStep': text('Reporting route, outcome: heading "your next step".'),
  'route.anonymousPossible': text('Reporting route, outcome: badge, you can stay anonymous.'),
  'route.namesYou': text('Reporting route, outcome: badge, you give your name.'),
  'route.whatHappens': text('Reporting route, outcome: heading "what happens next?".'),
  'route.formLink': text('Reporting route, outcome: link to the anonymous report form.'),
  'route.sectorAdvice': text('Reporting route, outcome: pointer to sector advice; {link} is route.sectorAdvice.link.'),
  'route.sectorAdvice.link': text('Reporting route: link text to the sector advice, the link in route.sectorAdvice.'),
  'route.restart': text('Reporting route: link back to the first question.'),
  'route.overviewLink': text('Reporting route: link to the whole route on one page.'),
  'route.overview.title': text('Route overview page: title.'),
  'route.overview.description': text('Route overview page: meta description.'),
  'route.overview.lead': text('Route overview page: opening paragraph; {link} is route.overview.lead.link.'),
  'route.overview.lead.link': text('Route overview page: link text to the first question, the link in route.overview.lead.'),
  'route.tree.anonymous': text('Route overview page: added after an outcome that can be anonymous.'),

  // Anonymous report form.
  'report.title': text('Report form: title (also in the menu of untranslated pages).'),
  'report.titleError': text('Report form: title when the form came back with errors.'),
  'report.description': text('Report form: meta description.'),
  'report.lead': text('Report form: opening paragraph.'),
  'report.what.title': text('Report form: heading "what happens with your report?".'),
  'report.what.forward': text('Report form: where the report goes.'),
  'report.what.nothingLeads': text('Report form: bold start, nothing in the form leads to you.'),
  'report.what.nothingLeads.text': text('Report form: what is not stored (IP address, browser, exact time, cookies).'),
  'report.what.aboutYou': text('Report form: bold start, do not write about yourself.'),
  'report.what.aboutYou.text': text('Report form: continues report.what.aboutYou (starts with a colon).'),
  'report.what.code': text('Report form: you get a code to come back with.'),
  'report.what.noAnswer': text('Report form: we never send or call you.'),
  'report.what.language': text('Report form: you may write in your own language.'),
  'report.required': text('Report form: after the label of a required field.'),
  'report.optional': text('Report form: after the label of an optional field.'),
  'report.maxChars': plural('Report form: under a text field; {max} is the maximum number of characters.'),
  'report.errorPrefix': text('Report form and follow-up page: before each error message at a field.'),
  'report.honeypot': text('Report form: label of a hidden field that only robots fill in.'),
  'report.chooseMunicipality': text('Report form: first choice of the municipality list.'),
  'report.municipalityUnknown': text('Report form: choice "I do not know / somewhere else" in the municipality list.'),
  'report.picker.instructions': text('Report form: screen reader instructions of the municipality picker.'),
  'report.picker.count': plural('Report form picker and the filter on /gemeenten/: announced while typing; {count} is the number of municipalities found.'),
  'report.picker.none': text('Report form picker and the filter on /gemeenten/: announced when no municipality matches.'),
  'report.picker.former': text('Report form: after a former municipality name in the picker ("vroeger").'),
  'report.danger.alert': text('Report form: alert when "danger now" is chosen; {tel} is the 112 link.'),
  'report.danger.after': text('Report form: after the danger alert, you can still send the form.'),
  'report.submit': text('Report form: the send button.'),
  'report.field.municipality.label': text('Report form, municipality field: label.'),
  'report.field.municipality.help': text('Report form, municipality field: hint.'),
  'report.field.exploitationForm.label': text('Report form, "what is going on" field: label.'),
  'report.field.exploitationForm.help': text('Report form, "what is going on" field: hint.'),
  'report.field.signals.label': text('Report form, signals field: label.'),
  'report.field.signals.help': text('Report form, signals field: hint.'),
  'report.field.location.label': text('Report form, location field: label.'),
  'report.field.location.help': text('Report form, location field: hint.'),
  'report.field.when.label': text('Report form, "when" field: label.'),
  'report.field.when.help': text('Report form, "when" field: hint.'),
  'report.field.description.label': text('Report form, description field: label.'),
  'report.field.description.help': text('Report form, description field: hint.'),
  'report.field.people.label': text('Report form, people field: label.'),
  'report.field.people.help': text('Report form, people field: hint.'),
  'report.field.vehicles.label': text('Report form, vehicles field: label.'),
  'report.field.vehicles.help': text('Report form, vehicles field: hint.'),
  'report.field.dangerNow.label': text('Report form, "danger now" field: label.'),
  'report.field.dangerNow.help': text('Report form, "danger now" field: hint.'),
  ...labels('report.exploitation', EXPLOITATION_OPTIONS, 'Report form: a choice of the "what is going on" field, in plain words'),
  ...labels('report.dangerOption', DANGER_OPTIONS, 'Report form: a choice of the "danger now" field'),
  'report.error.summary': text('Report form and follow-up page: heading of the error summary.'),
  'report.error.municipality': text('Report form error: no municipality chosen.'),
  'report.error.exploitationForm': text('Report form error: nothing chosen for "what is going on".'),
  'report.error.signals': text('Report form error: a signal that is not in the list.'),
  'report.error.signalsMax': plural('Report form error: too many signals; {max} is the maximum.'),
  'report.error.descriptionMissing': text('Report form error: the description is empty.'),
  'report.error.descriptionShort': plural('Report form error: the description is too short; {min} is the minimum number of characters.'),
  'report.error.tooLong': plural('Report form and follow-up error: a text is too long; {max} is the maximum number of characters.'),
  'report.error.dangerNow': text('Report form error: "danger now" not answered.'),
  'report.error.tooFast': text('Report form error: sent too fast after opening (looks like a robot).'),
  'report.error.expired': text('Report form error: the form is too old; the text is kept.'),
  'report.error.proofOfWork': text('Report form and follow-up error: the security check failed; the text is kept.'),
  'report.error.unavailable': text('Report form error: the report was NOT saved because of a fault on our side.'),
  'report.error.rateLimited': text('Report form error: too many reports from this connection.'),

  // Receipt after sending.
  'receipt.title': text('Receipt page: title.'),
  'receipt.description': text('Receipt page: meta description.'),
  'receipt.codeIs': text('Receipt page: label before the code.'),
  'receipt.lead': text('Receipt page: thank you, the report is saved.'),
  'receipt.history': text('Receipt and follow-up page: pointer to clearing the history; {link} is receipt.history.link.'),
  'receipt.history.link': text('Link text to "clear your history", the link in receipt.history.'),
  'receipt.once': text('Receipt page: the code is shown only once.'),
  'receipt.shown.title': text('Receipt page, opened a second time: title.'),
  'receipt.shown.text': text('Receipt page, opened a second time: why the code is not shown again.'),
  'receipt.invalid.title': text('Receipt page with an invalid address: title.'),
  'receipt.invalid.text': text('Receipt page with an invalid address: text.'),
  'receipt.invalid.link': text('Receipt page with an invalid address: link to the report form.'),
  'receipt.home': text('Receipt page and not-found page: link back to the home page.'),
  'receipt.keep': text('Receipt page: keep the code safe; {link} is receipt.keep.link.'),
  'receipt.keep.link': text('Receipt page: link text to the follow-up page, the link in receipt.keep.'),
  'receipt.keptUntil': plural('Receipt page: when the conversation is deleted; {days} is the number of days.'),
  'receipt.noContact': text('Receipt page: we never send or call you; questions appear only with your code.'),
  'receipt.confirm.label': text('Receipt page: checkbox, I wrote down or printed the code.'),
  'receipt.confirm.help': text('Receipt page: hint under the checkbox.'),
  'receipt.print': text('Receipt page: print button.'),
  'receipt.leave': text('Receipt page: browser question when leaving without ticking the checkbox.'),

  // Follow-up with the code.
  'followUp.title': text('Follow-up page: title.'),
  'followUp.description': text('Follow-up page: meta description.'),
  'followUp.lead': text('Follow-up page: opening paragraph.'),
  'followUp.code.label': text('Follow-up page: label of the code field.'),
  'followUp.code.help': text('Follow-up page: hint of the code field.'),
  'followUp.open': text('Follow-up page: button that opens the conversation.'),
  'followUp.error.notFound': plural('Follow-up error: no conversation for this code; {days} is the number of days a conversation is kept.'),
  'followUp.error.limited': text('Follow-up error: too many codes tried.'),
  'followUp.error.unavailable': text('Follow-up error: a fault on our side; the text is kept.'),
  'followUp.error.textShort': plural('Follow-up error: the added text is too short; {min} is the minimum number of characters.'),
  'followUp.reportOf': text('Follow-up page: heading of the conversation; {date} is the date of the report.'),
  'followUp.keptUntil': text('Follow-up page: when the conversation is deleted; {date} is the last day.'),
  'followUp.messages': text('Follow-up page: heading of the messages.'),
  'followUp.none': text('Follow-up page: no question from the intake yet.'),
  'followUp.fromIntake': text('Follow-up page: above a question from the intake; {date} is its date.'),
  'followUp.fromReporter': text('Follow-up page: above an addition of the reporter; {date} is its date.'),
  'followUp.add.label': text('Follow-up page: label of the field to add something.'),
  'followUp.add.help': plural('Follow-up page: hint of that field; {max} is the maximum number of characters.'),
  'followUp.add.submit': text('Follow-up page: send button.'),
  'followUp.added': text('Follow-up page: the addition is saved.'),
  'followUp.link': text('Report form: pointer to the follow-up page; {link} is followUp.link.label.'),
  'followUp.link.label': text('Report form: link text to the follow-up page, the link in followUp.link.'),

  // Search.
  'search.title': text('Search page: title.'),
  'search.description': text('Search page: meta description.'),
  'search.label': text('Search page: label of the search field.'),
  'search.button': text('Search page: search button.'),
  'search.filters': text('Search page: heading of the filters.'),
  'search.all': text('Search page: filter choice "all".'),
  'search.filter.doelgroep': text('Search page: filter by audience.'),
  'search.filter.vorm': text('Search page: filter by form of exploitation.'),
  'search.filter.gemeente': text('Search page: filter by municipality.'),
  'search.filter.soort': text('Search page: filter by kind of page.'),
  'search.noJs': text('Search page without JavaScript: use the overviews instead.'),
  'search.searching': text('Search page: announced while searching.'),
  'search.none': text('Search page: nothing found; {query} is what the reader typed.'),
  'search.count': plural('Search page: number of results; {count} is the number, {query} what the reader typed.'),
  'search.failed': text('Search page: searching failed.'),
  'search.more': text('Search page: the button under the results that shows the next five.'),

  // Summaries of Dutch-only documents, untranslated pages, glossary.
  'summary.kicker': text('Summary page of a Dutch document: small line above the title.'),
  'summary.notice': text('Summary page: the document itself is only in Dutch.'),
  'summary.readDutch': text('Summary page: link to the full Dutch document.'),
  'summary.planTitle': text('Policy plan summary: title; {title} is the Dutch title of the plan.'),
  'summary.internalTitle': text('Internal route summary: title; {gemeente} is the municipality name.'),
  'summary.internalDescription': text('Internal route summary: meta description; {gemeente} is the municipality name.'),
  'summary.municipalities': text('Policy plan summary: label before the municipalities it covers.'),
  'summary.document': text('Summary page: label before the document.'),
  'untranslated.title': text('Page shown for a Dutch-only page in another language: title.'),
  'untranslated.text': text('Untranslated page: text; {title} is the Dutch title of the page.'),
  'untranslated.readDutch': text('Untranslated page: link to the Dutch page.'),
  'untranslated.elsewhere': text('Untranslated page: heading above the pages that are translated.'),
  'glossary.title': text('Translated content pages: heading of the glossary.'),
  'glossary.intro': text('Translated content pages: intro of the glossary.'),
});

export type UiStrings = z.infer<typeof uiStringsSchema>;
export type UiKey = keyof UiStrings;

/** What a key's description says about it, for the checker's messages and for editors' tools. */
export function describeKey(key: string): string | undefined {
  return (uiStringsSchema.shape as Record<string, z.ZodType>)[key]?.description;
}

/** Whether a key is stored as plural forms rather than one text. */
export function isPluralKey(key: string): boolean {
  return (uiStringsSchema.shape as Record<string, z.ZodType>)[key] instanceof z.ZodObject;
}
