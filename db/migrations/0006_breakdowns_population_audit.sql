CREATE TABLE "answer_group_counts" (
	"wave_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	"item_id" text NOT NULL,
	"value" smallint NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"employment" smallint NOT NULL,
	"responses" integer NOT NULL,
	"demo_responses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "answer_group_counts_wave_id_town_id_item_id_value_age_band_sex_employment_pk" PRIMARY KEY("wave_id","town_id","item_id","value","age_band","sex","employment")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "population_cells" (
	"town_id" integer NOT NULL,
	"age_band" smallint NOT NULL,
	"sex" smallint NOT NULL,
	"population" integer NOT NULL,
	"year" smallint NOT NULL,
	"source_citation" text NOT NULL,
	"source_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_cells_town_id_age_band_sex_pk" PRIMARY KEY("town_id","age_band","sex")
);
--> statement-breakpoint
ALTER TABLE "answer_group_counts" ADD CONSTRAINT "answer_group_counts_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_group_counts" ADD CONSTRAINT "answer_group_counts_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_cells" ADD CONSTRAINT "population_cells_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
-- Responses stored before this migration are counted into the breakdown rollup.
INSERT INTO "answer_group_counts" ("wave_id", "town_id", "item_id", "value", "age_band", "sex", "employment", "responses", "demo_responses")
SELECT r."wave_id", r."town_id", a."item_id", a."value",
	coalesce(age."value", 0), coalesce(sex."value", 0), coalesce(emp."value", 0),
	count(*)::int, (count(*) FILTER (WHERE r."is_demo"))::int
FROM "answers" a
JOIN "responses" r ON r."id" = a."response_id"
LEFT JOIN "answers" age ON age."response_id" = a."response_id" AND age."item_id" = 'age_band'
LEFT JOIN "answers" sex ON sex."response_id" = a."response_id" AND sex."item_id" = 'sex'
LEFT JOIN "answers" emp ON emp."response_id" = a."response_id" AND emp."item_id" = 'employment'
GROUP BY 1, 2, 3, 4, 5, 6, 7;
