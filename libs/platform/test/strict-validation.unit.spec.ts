import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, ValidateNested } from 'class-validator';
import { strictValidationPipe } from '@app/platform';

class ItemDto {
  @IsInt()
  pence!: number;
}

class ListDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];
}

const check = (body: unknown) => strictValidationPipe().transform(body, { type: 'body', metatype: ListDto });

describe('the strict validation pipe', () => {
  it('takes a list of DTOs', async () => {
    await expect(check({ items: [{ pence: 1 }, { pence: 2 }] })).resolves.toBeInstanceOf(ListDto);
  });
  it('refuses an item of a list of DTOs sent as an array of them, naming the item', async () => {
    const refused = await check({ items: [{ pence: 1 }, [{ pence: 2 }]] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestException);
    expect((refused as BadRequestException).getResponse()).toMatchObject({ errors: [{ field: 'items[1]', reason: 'items[1] must be an object, not an array' }] });
  });
});
