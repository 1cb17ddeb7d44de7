ALTER TABLE "indicator_values" ALTER COLUMN "value" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "withheld" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "retrieved_on" date;--> statement-breakpoint
ALTER TABLE "population_cells" ADD COLUMN "retrieved_on" date;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_withheld_has_no_value" CHECK (("indicator_values"."value" is null) = "indicator_values"."withheld");