import { expect } from '@jest/globals'
import { ActionError } from '../src/shared/errors.js'

/** The ActionError that `action` throws or rejects with; fails the test if there is none. */
export async function actionError(action: () => unknown): Promise<ActionError> {
  let caught: unknown
  try {
    await action()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ActionError)
  return caught as ActionError
}
