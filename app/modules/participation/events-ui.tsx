import type { ReactNode } from "react";
import { useFormat, useT } from "~/kernel/ui/hooks";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

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
      <Item label={t("participation.events.when")}>
        {fmt.dateTime(e.startsAt)} – {fmt.dateTime(e.endsAt)}
      </Item>
      <Item label={t("participation.events.modeLabel")}>{t(`participation.events.modes.${e.mode}`)}</Item>
      {e.venueAddress && (
        <Item label={t("participation.events.venue")}>
          {e.venueAddress}
          {e.barrierFree && <> · {t(`participation.events.barrierFree.${e.barrierFree}`)}</>}
          {e.publicTransport != null && (
            <> · {t(e.publicTransport ? "participation.events.transportYes" : "participation.events.transportNo")}</>
          )}
          {e.venueNotes && <> · {e.venueNotes}</>}
        </Item>
      )}
      {e.onlineLink && (
        <Item label={t("participation.events.online")}>
          <a className="kern-link" href={e.onlineLink} rel="noopener noreferrer">
            {e.onlineLink}
          </a>
        </Item>
      )}
      <Item label={t("participation.events.audienceLabel")}>{t(`participation.events.audiences.${e.audience}`)}</Item>
      <Item label={t("participation.events.supportLabel")}>
        {support.length ? support.join(" · ") : t("participation.events.support.none")}
      </Item>
    </dl>
  );
}
