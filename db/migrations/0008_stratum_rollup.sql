CREATE TABLE "answer_stratum_counts" (
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"item_id" text NOT NULL,
	"value" smallint NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"responses" integer NOT NULL,
	"demo_responses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "answer_stratum_counts_wave_id_town_id_item_id_value_age_band_sex_pk" PRIMARY KEY("wave_id","town_id","item_id","value","age_band","sex")
);
--> statement-breakpoint
ALTER TABLE "answer_stratum_counts" ADD CONSTRAINT "answer_stratum_counts_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_stratum_counts" ADD CONSTRAINT "answer_stratum_counts_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Strata already counted in the breakdown rollup are carried over.
INSERT INTO "answer_stratum_counts" ("wave_id", "town_id", "item_id", "value", "age_band", "sex", "responses", "demo_responses")
SELECT "wave_id", "town_id", "item_id", "value", "age_band", "sex", sum("responses")::int, sum("demo_responses")::int
FROM "answer_group_counts"
WHERE "age_band" > 0 AND "sex" > 0
GROUP BY 1, 2, 3, 4, 5, 6;
