import { useFormat, useT } from "~/kernel/ui/hooks";

// What the staff and the public page of an event both show: time, place, access and support offered.
export interface EventFactsData {
  startsAt: string | Date;
  endsAt: string | Date;
  mode: string;
  venueAddress: string | null;
  barrierFree: string | null;
  publicTransport: boolean | null;
  venueNotes: string | null;
  onlineLink: string | null;
  audience: string;
  childcare: boolean;
  interpreterLanguages: string | null;
  signLanguage: boolean;
  easyLanguage: boolean;
  expenseRefund: boolean;
  supportNotes: string | null;
}

export function EventFacts({ e }: { e: EventFactsData }) {
  const t = useT();
  const fmt = useFormat();
  const support = [
    e.childcare && t("participation.events.support.childcare"),
    e.interpreterLanguages && t("participation.events.support.interpreter", { languages: e.interpreterLanguages }),
    e.signLanguage && t("participation.events.support.signLanguage"),
    e.easyLanguage && t("participation.events.support.easyLanguage"),
    e.expenseRefund && t("participation.events.support.expenseRefund"),
    e.supportNotes,
  ].filter((x): x is string => !!x);
  return (
    <dl className="kern-description-list">
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t("participation.events.when")}</dt>
        <dd className="kern-description-list-item__value">
          {fmt.dateTime(e.startsAt)} – {fmt.dateTime(e.endsAt)}
        </dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t("participation.events.modeLabel")}</dt>
        <dd className="kern-description-list-item__value">{t(`participation.events.modes.${e.mode}`)}</dd>
      </div>
      {e.venueAddress && (
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("participation.events.venue")}</dt>
          <dd className="kern-description-list-item__value">
            {e.venueAddress}
            {e.barrierFree && <> · {t(`participation.events.barrierFree.${e.barrierFree}`)}</>}
            {e.publicTransport != null && (
              <> · {t(e.publicTransport ? "participation.events.transportYes" : "participation.events.transportNo")}</>
            )}
            {e.venueNotes && <> · {e.venueNotes}</>}
          </dd>
        </div>
      )}
      {e.onlineLink && (
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("participation.events.online")}</dt>
          <dd className="kern-description-list-item__value">
            <a className="kern-link" href={e.onlineLink} rel="noopener noreferrer">
              {e.onlineLink}
            </a>
          </dd>
        </div>
      )}
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t("participation.events.audienceLabel")}</dt>
        <dd className="kern-description-list-item__value">{t(`participation.events.audiences.${e.audience}`)}</dd>
      </div>
      <div className="kern-description-list-item">
        <dt className="kern-description-list-item__key">{t("participation.events.supportLabel")}</dt>
        <dd className="kern-description-list-item__value">
          {support.length ? support.join(" · ") : t("participation.events.support.none")}
        </dd>
      </div>
    </dl>
  );
}
